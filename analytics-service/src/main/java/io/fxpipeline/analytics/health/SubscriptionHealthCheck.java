package io.fxpipeline.analytics.health;

import io.fxpipeline.analytics.ingest.CandleSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the data_ready subscription is established. */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final CandleSubscriber subscriber;

    public SubscriptionHealthCheck(CandleSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("data_ready subscription").status(subscriber.alive()).build();
    }
}
