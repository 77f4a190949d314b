package io.fxpipeline.messaging.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every subscription of the service is established: each {@link LiveSubscription} bean, and each
 * subscription of a {@link LiveSubscriptions} bean.
 */
@Readiness
@ApplicationScoped
public class SubscriptionHealthCheck implements HealthCheck {

    private final Instance<LiveSubscription> subscriptions;
    private final Instance<LiveSubscriptions> groups;

    public SubscriptionHealthCheck(Instance<LiveSubscription> subscriptions, Instance<LiveSubscriptions> groups) {
        this.subscriptions = subscriptions;
        this.groups = groups;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("subscriptions").up();
        subscriptions.forEach(subscription -> report(subscription, response));
        groups.forEach(group -> group.subscriptions().forEach(subscription -> report(subscription, response)));
        return response.build();
    }

    private static void report(LiveSubscription subscription, HealthCheckResponseBuilder response) {
        boolean alive = subscription.alive();
        response.withData(subscription.channel(), alive ? "subscribed" : "not subscribed");
        if (!alive) {
            response.down();
        }
    }
}
