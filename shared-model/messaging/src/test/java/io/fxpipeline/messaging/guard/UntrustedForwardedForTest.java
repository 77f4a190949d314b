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
 * With FX_TRUSTED_PROXIES empty (as in a .env copied from .env.example) or unset, X-Forwarded-For is ignored: a
 * client that sends a new address with every request still has one rate limit, its own peer address (test bounds: 3
 * requests a minute). An empty list of trusted proxies would trust every peer; the kit's list never is empty.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(UntrustedForwardedForTest.SmallLimit.class)
class UntrustedForwardedForTest {

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("FX_TRUSTED_PROXIES", "", "fx.guard.rate-limit", "3");
        }
    }

    @Test
    void aClientCannotChooseItsBucketWithXForwardedFor() {
        for (int i = 0; i < 3; i++) {
            given().header("X-Forwarded-For", "198.51.100." + i).get("/q/metrics").then().statusCode(200);
        }
        given().header("X-Forwarded-For", "198.51.100.99").get("/q/metrics").then().statusCode(429);
    }
}
