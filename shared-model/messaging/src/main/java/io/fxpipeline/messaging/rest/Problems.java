package io.fxpipeline.messaging.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fxpipeline.model.Pair;
import io.quarkus.logging.Log;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * The services' API errors and their one mapping to RFC 9457 problem+json (every service's REST layer picks it
 * up from this indexed module): bad input 400, nothing there 404, anything else 500 with an error id that is
 * logged once here. No stack traces or internals in bodies.
 */
public class Problems {

    static final String PROBLEM_JSON = "application/problem+json";
    /** What a 503 asks a client to wait: about as long as a connection attempt to PostgreSQL or Redis. */
    static final int RETRY_AFTER_SECONDS = 5;

    /**
     * Bad input: 400. A {@link WebApplicationException} so that, thrown by a parameter converter
     * ({@link DomainParams}), it reaches the mapper as it is instead of being wrapped as a 404.
     */
    public static class BadRequest extends WebApplicationException {
        public BadRequest(String message) {
            super(message, 400);
        }
    }

    /** Nothing there: 404. */
    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The same work is already running: 409. */
    public static class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The problem+json body. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail) {
    }

    /** The instants an API accepts: what PostgreSQL's timestamptz holds with room to spare. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** An ISO-8601 instant query parameter from year 1 to 9999, or a 400 naming the parameter. */
    public static Instant instant(String name, String value) {
        Instant parsed;
        try {
            parsed = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "' is not an ISO-8601 instant such as 2024-11-15T00:00:00Z");
        }
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw new BadRequest(name + " '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
                    + "' is outside the years 1 to 9999");
        }
        return parsed;
    }

    /** A pair path or query parameter, or a 400 saying why the name is not one. */
    public static io.fxpipeline.model.Pair pair(String value) {
        try {
            return io.fxpipeline.model.Pair.of(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** A granularity query parameter ({@code fallback} when absent), or a 400 naming the valid ones. */
    public static io.fxpipeline.model.Granularity granularity(String value, io.fxpipeline.model.Granularity fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return io.fxpipeline.model.Granularity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /**
     * {@code found}, unless it is empty and one of {@code pairs} is not tracked: then a 404 naming FX_PAIRS, so a
     * mistyped pair ({@code EUR_UDS}) is told so instead of answered {@code []}. A pair tracked before and dropped
     * from FX_PAIRS still answers its stored rows.
     */
    public static <T> List<T> unlessUntracked(List<T> found, String what, List<Pair> tracked, Pair... pairs) {
        if (found.isEmpty()) {
            for (Pair pair : pairs) {
                if (pair != null && !tracked.contains(pair)) {
                    throw notTracked(what, pair);
                }
            }
        }
        return found;
    }

    /** The 404 for {@code what} ("price for EUR_UDS") about a pair that is not tracked. */
    public static NotFound notTracked(String what, Pair pair) {
        return new NotFound("no " + what + ": " + pair + " is not one of the tracked pairs (FX_PAIRS)");
    }

    /** A {@code limit} query parameter: {@code fallback} when absent, else 1 to {@code max} or a 400. */
    public static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw new BadRequest("limit must be 1 to " + max + ", was " + limit);
        }
        return limit;
    }

    /**
     * A whole-number parameter, or a 400 naming it: {@code abc}, {@code 1.5} or {@code 999999999999} for an int
     * (a typed Integer parameter that fails to convert would answer a bare 404). Used by {@link DomainParams}.
     */
    public static Integer wholeNumber(String name, String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            // the parameter's own range is the caller's to check (limit: 1 to its maximum), not the int's
            throw new BadRequest(name + " must be a whole number, was '"
                    + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return problem(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e) {
        return unexpected(e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
    }

    /**
     * Checked failures reach here too: a refused PostgreSQL connection arrives as a ConnectException (an
     * IOException), which no RuntimeException mapper sees and Quarkus would answer 500 text/plain.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpectedChecked(Throwable e) {
        return unexpected(e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response unexpected(RuntimeException e) {
        if (e instanceof BadRequest bad) {
            return badRequest(bad);
        }
        if (e instanceof NotFound missing) {
            return notFound(missing);
        }
        if (e instanceof Conflict conflict) {
            return conflict(conflict);
        }
        if (e instanceof WebApplicationException web) {
            return problem(web.getResponse().getStatus(), web.getResponse().getStatusInfo().getReasonPhrase(), web.getMessage());
        }
        String id = UUID.randomUUID().toString();
        if (Unavailable.is(e)) {
            // One line, no stack trace: during an outage every request fails the same way.
            Log.warnf("request failed, a dependency is unavailable (error id %s): %s", id,
                    io.fxpipeline.messaging.guard.Secrets.scrub(String.valueOf(e.getMessage())));
            return problemResponse(503, "Service unavailable", "the database or Redis is not answering; retry in "
                    + RETRY_AFTER_SECONDS + " s (error id " + id + " is in the service log)")
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        Log.errorf(e, "request failed (error id %s)", id);
        return problem(500, "Internal error", "the request failed; error id " + id + " is in the service log");
    }

    private static Response problem(int status, String title, String detail) {
        return problemResponse(status, title, detail).build();
    }

    /** A problem+json answer for a resource that answers one itself, headers still to add. */
    public static Response.ResponseBuilder problemResponse(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem("about:blank", title, status, detail));
    }
}
