package io.fxpipeline.ingest.rest;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;

/** Domain errors of the API and their one mapping to problem+json; no internals in bodies. */
public class Problems {

    /** Bad input: 400. */
    public static class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    /** Nothing there: 404. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The problem+json body. */
    public record Problem(String type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        return unexpected(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        if (e instanceof BadRequest bad) {
            return badRequest(bad);
        }
        if (e instanceof NotFound missing) {
            return notFound(missing);
        }
        if (e instanceof IllegalArgumentException bad) {
            return badArgument(bad);
        }
        if (e instanceof WebApplicationException web) {
            return problem(web.getResponse().getStatus(), web.getResponse().getStatusInfo().getReasonPhrase(), web.getMessage());
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "request failed (error id %s)", id);
        return problem(500, "Internal error", "the request failed; error id " + id + " is in the service log");
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail)).build();
    }
}
