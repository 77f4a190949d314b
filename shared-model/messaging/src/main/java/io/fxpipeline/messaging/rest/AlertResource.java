package io.fxpipeline.messaging.rest;

import io.fxpipeline.messaging.config.ServiceConfig;
import io.quarkus.arc.properties.IfBuildProperty;
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

/**
 * {@code GET /alerts}: the alerts this service published, for a client that was away (the same records as on its
 * alert channel), over the service's {@link AlertHistory}. Only services that store alerts serve it: they set the
 * build property {@code kit.alerts-api=true} (analytics, correlation).
 */
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alerts")
@IfBuildProperty(name = "kit.alerts-api", stringValue = "true")
public class AlertResource {

    private final AlertHistory<?> alerts;
    private final ServiceConfig config;

    public AlertResource(AlertHistory<?> alerts, ServiceConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @GET
    @Operation(summary = "Alerts raised at or after since (oldest first), else the newest ones")
    @APIResponse(responseCode = "200", description = "alerts as published on the service's alert channel")
    @APIResponse(responseCode = "400", description = "since not an ISO-8601 instant, a bad pair name or limit")
    @APIResponse(responseCode = "404", description = "none stored, and the pair is not tracked (FX_PAIRS)")
    public Uni<List<?>> alerts(
            @Parameter(description = "ISO-8601 instant of publication, inclusive") @QueryParam("since") String since,
            @Parameter(description = "only alerts of this pair, e.g. GBP_JPY") @QueryParam("pair") String pair,
            @Parameter(description = "1-1000, default 100") @QueryParam("limit") Integer limit) {
        AlertQuery query = AlertQuery.of(since, pair, limit);
        return alerts.find(query.since(), query.pair(), query.limit())
                .map(found -> Problems.unlessUntracked(found, "alerts of " + query.pair(), config.pairs(), query.pair()));
    }
}
