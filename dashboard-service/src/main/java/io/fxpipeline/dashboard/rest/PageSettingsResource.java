package io.fxpipeline.dashboard.rest;

import io.fxpipeline.dashboard.config.DashboardConfig;
import io.fxpipeline.model.Pair;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the browser page needs to know: tracked pairs, where the history APIs are, and which feed plays. */
@Path("/page-settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class PageSettingsResource {

    private final DashboardConfig config;

    public PageSettingsResource(DashboardConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "Tracked pairs, granularity and the base URLs of the ingest, analytics and correlation APIs")
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pairs", config.pairs().stream().map(Pair::name).toList());
        settings.put("granularity", config.granularity().name());
        settings.put("ingest_url", config.page().ingestUrl());
        settings.put("analytics_url", config.page().analyticsUrl());
        settings.put("correlation_url", config.page().correlationUrl());
        settings.put("history_hours", config.page().historyHours());
        settings.put("volatility_threshold", config.page().volatilityThreshold());
        settings.put("feed", config.page().feedName());
        return settings;
    }
}
