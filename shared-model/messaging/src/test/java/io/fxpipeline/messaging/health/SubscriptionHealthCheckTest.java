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

        volatile boolean alive = true;

        @Override
        public String channel() {
            return "kit-test-channel";
        }

        @Override
        public boolean alive() {
            return alive;
        }
    }

    @Inject
    Switched subscription;

    @AfterEach
    void reconnect() {
        subscription.alive = true;
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
}
