package io.fxpipeline.correlation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps domain errors to RFC 9457 problem+json, once, with no stack traces in bodies. */
public class ProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";

    /** The problem+json body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response badRequest(CorrelationResource.BadRequest e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badPair(IllegalArgumentException e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(CorrelationResource.NotFound e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        Throwable cause = e.getCause();
        if (cause instanceof CorrelationResource.BadRequest || cause instanceof IllegalArgumentException) {
            return problem(400, "Bad request", cause.getMessage());
        }
        if (cause instanceof CorrelationResource.NotFound) {
            return problem(404, "Not found", cause.getMessage());
        }
        return unexpected(cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause));
    }

    /** Anything unexpected: logged once here with its id, answered without internals. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web) {
            return problem(web.getResponse().getStatus(), web.getResponse().getStatusInfo().getReasonPhrase(),
                    web.getMessage());
        }
        String id = java.util.UUID.randomUUID().toString();
        io.quarkus.logging.Log.errorf(e, "request failed (error id %s)", id);
        return problem(500, "Internal error", "the request failed; error id " + id + " is in the service log");
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON)
                .entity(new Problem("about:blank", title, status, detail)).build();
    }
}
