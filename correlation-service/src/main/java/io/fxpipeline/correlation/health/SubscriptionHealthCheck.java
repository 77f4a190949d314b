package io.fxpipeline.correlation.health;

import io.fxpipeline.correlation.ingest.CloseSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data_ready subscription is established. */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final CloseSubscriber subscriber;

    public SubscriptionHealthCheck(CloseSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("data_ready subscription").status(subscriber.alive()).build();
    }
}
