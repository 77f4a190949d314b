package io.fxpipeline.messaging.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every subscription of the service (each {@link LiveSubscription} bean) is established. */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final Instance<LiveSubscription> subscriptions;

    public SubscriptionHealthCheck(Instance<LiveSubscription> subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("subscriptions").up();
        for (LiveSubscription subscription : subscriptions) {
            boolean alive = subscription.alive();
            response.withData(subscription.channel(), alive ? "subscribed" : "not subscribed");
            if (!alive) {
                response.down();
            }
        }
        return response.build();
    }
}
