package io.fxpipeline.messaging.health;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Readiness follows every subscription a service holds, through the real health endpoint. */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class SubscriptionHealthCheckTest {

    /** A subscription the test switches on and off. */
    @Singleton
    static class Switched implements LiveSubscription {

        private final String channel;
        volatile boolean alive = true;

        Switched() {
            this("kit-test-channel");
        }

        Switched(String channel) {
            this.channel = channel;
        }

        @Override
        public String channel() {
            return channel;
        }

        @Override
        public boolean alive() {
            return alive;
        }
    }

    /** A bean holding two subscriptions, as the dashboard's relay holds one per channel. */
    @Singleton
    static class Relay implements LiveSubscriptions {

        final Switched first = new Switched("kit-test-relay-a");
        final Switched second = new Switched("kit-test-relay-b");

        @Override
        public java.util.List<Switched> subscriptions() {
            return java.util.List.of(first, second);
        }
    }

    @Inject
    Switched subscription;

    @Inject
    Relay relay;

    @AfterEach
    void reconnect() {
        subscription.alive = true;
        relay.second.alive = true;
    }

    @Test
    void readyWhileSubscribedNotReadyWhileNot() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'subscriptions' }.data.kit-test-channel", equalTo("subscribed"));

        subscription.alive = false;

        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.name", hasItem("subscriptions"))
                .body("checks.find { it.name == 'subscriptions' }.status", equalTo("DOWN"));
    }

    @Test
    void eachSubscriptionOfAGroupCounts() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'subscriptions' }.data.kit-test-relay-a", equalTo("subscribed"))
                .body("checks.find { it.name == 'subscriptions' }.data.kit-test-relay-b", equalTo("subscribed"));

        relay.second.alive = false;

        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'subscriptions' }.data.kit-test-relay-a", equalTo("subscribed"))
                .body("checks.find { it.name == 'subscriptions' }.data.kit-test-relay-b", equalTo("not subscribed"));
    }
}
