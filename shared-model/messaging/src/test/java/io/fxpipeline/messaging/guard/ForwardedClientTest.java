package io.fxpipeline.messaging.guard;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * Behind a trusted proxy (here the test's own address, as the Ingress controller in prod) each client has its own
 * rate limit, keyed on the address the proxy forwards (test bounds: 3 requests a minute).
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(ForwardedClientTest.BehindTrustedProxy.class)
class ForwardedClientTest {

    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("FX_TRUSTED_PROXIES", "127.0.0.1", "fx.guard.rate-limit", "3");
        }
    }

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "203.0.113.5").get("/q/metrics").then().statusCode(429);
        // another browser behind the same proxy is not throttled by the first one
        given().header("X-Forwarded-For", "203.0.113.6").get("/q/metrics").then().statusCode(200);
    }
}
