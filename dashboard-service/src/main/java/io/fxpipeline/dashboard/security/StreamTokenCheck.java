package io.fxpipeline.dashboard.security;

import io.fxpipeline.dashboard.stream.StreamMetrics;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** The stream's handshake answers 401 without the dashboard token (when one is configured). */
@ApplicationScoped
public class StreamTokenCheck implements HttpUpgradeCheck {

    private final DashboardToken token;
    private final StreamMetrics metrics;

    public StreamTokenCheck(DashboardToken token, StreamMetrics metrics) {
        this.token = token;
        this.metrics = metrics;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (token.admits(context.httpRequest())) {
            return CheckResult.permitUpgrade();
        }
        metrics.refused("token");
        return CheckResult.rejectUpgrade(401, Map.of("WWW-Authenticate", List.of("Bearer realm=\"fx-dashboard\"")));
    }
}
