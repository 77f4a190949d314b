package io.fxpipeline.ingest.feed.oanda;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * The two OANDA v20 endpoints ingest uses (docs/oanda-v20.md §3 and §8). Bodies come back as text: the tolerant
 * parsers validate candle by candle, so one bad candle never costs the good ones of the same answer.
 */
@Path("/v3")
@Produces(MediaType.APPLICATION_JSON)
@ClientHeaderParam(name = "Accept-Datetime-Format", value = "RFC3339")
public interface OandaApi {

    @GET
    @Path("/instruments/{instrument}/candles")
    Uni<String> candles(@HeaderParam("Authorization") String authorization,
            @PathParam("instrument") String instrument,
            @QueryParam("granularity") String granularity,
            @QueryParam("price") String price,
            @QueryParam("from") String from,
            @QueryParam("count") Integer count,
            @QueryParam("includeFirst") Boolean includeFirst);

    @GET
    @Path("/accounts/{accountId}/pricing")
    Uni<String> pricing(@HeaderParam("Authorization") String authorization,
            @PathParam("accountId") String accountId,
            @QueryParam("instruments") String instruments);

    /** Non-2xx answers become typed errors carrying OANDA's errorMessage and RequestID, never the token. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return OandaException.from(response);
    }
}
