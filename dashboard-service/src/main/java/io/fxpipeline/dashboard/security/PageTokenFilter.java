package io.fxpipeline.dashboard.security;

import io.fxpipeline.dashboard.stream.StreamMetrics;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Set;

/**
 * The page ({@code /}) needs the dashboard token too when one is configured. The scripts and styles it loads hold
 * no data (the data comes only through the stream, which checks the token itself), so they stay public.
 */
@ApplicationScoped
public class PageTokenFilter {

    private static final Set<String> PAGE_PATHS = Set.of("/", "/index.html");

    private final DashboardToken token;
    private final StreamMetrics metrics;

    public PageTokenFilter(DashboardToken token, StreamMetrics metrics) {
        this.token = token;
        this.metrics = metrics;
    }

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            if (!token.required() || !PAGE_PATHS.contains(ctx.normalizedPath()) || token.admits(ctx.request())) {
                ctx.next();
                return;
            }
            metrics.refused("token");
            ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"fx-dashboard\"")
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("This dashboard needs its token: open /?token=<DASHBOARD_TOKEN>\n");
        }, 100);
    }
}
