package io.fxpipeline.correlation.rest;

import io.fxpipeline.correlation.store.AlertRepository;
import io.fxpipeline.messaging.rest.AlertQuery;
import io.fxpipeline.model.message.CorrelationAlert;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The correlation alerts this service published, for a client that was away (the same records as on the channel). */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
public class AlertResource {

    private final AlertRepository alerts;

    public AlertResource(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Correlation alerts raised at or after since (oldest first), else the newest ones")
    @APIResponse(responseCode = "200", description = "alerts as published on correlation_alerts")
    @APIResponse(responseCode = "400", description = "since not an ISO-8601 instant, a bad pair name or limit")
    public Uni<List<CorrelationAlert>> alerts(
            @Parameter(description = "ISO-8601 instant of publication, inclusive") @QueryParam("since") String since,
            @Parameter(description = "only alerts naming this pair, e.g. EUR_USD") @QueryParam("pair") String pair,
            @Parameter(description = "1-1000, default 100") @QueryParam("limit") Integer limit) {
        AlertQuery query = AlertQuery.of(since, pair, limit);
        return alerts.find(query.since(), query.pair(), query.limit());
    }
}
