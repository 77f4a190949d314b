package io.fxpipeline.dashboard.health;

import io.fxpipeline.dashboard.relay.ChannelRelay;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;

/** Ready only while every Redis channel subscription is established. */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final ChannelRelay relay;

    public SubscriptionHealthCheck(ChannelRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        Map<String, Boolean> alive = relay.alive();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("channel subscriptions")
                .status(!alive.isEmpty() && !alive.containsValue(false));
        alive.forEach(response::withData);
        return response.build();
    }
}
