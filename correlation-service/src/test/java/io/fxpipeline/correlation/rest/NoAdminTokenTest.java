package io.fxpipeline.correlation.rest;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/**
 * Issue 11: with no FX_ADMIN_TOKEN (and FX_ADMIN_OPEN not set) the service refuses its write endpoints: 200
 * anonymous {@code POST /correlation/run} used to leave 200 job_runs rows.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
@TestProfile(NoAdminTokenTest.NoToken.class)
class NoAdminTokenTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fx.guard.admin-token", "", "fx.guard.admin-open", "false");
        }
    }

    @Inject
    Pool pool;

    @Test
    void writeEndpointsAreRefusedAndLeaveNothing() {
        for (int i = 0; i < 5; i++) {
            given().post("/correlation/run").then().statusCode(403).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("FX_ADMIN_TOKEN"));
        }
        given().header("Authorization", "Bearer anything").post("/correlation/run").then().statusCode(403);
        long runs = pool.query("SELECT count(*) FROM correlation.job_runs WHERE job <> 'retention'").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(runs).isZero();
        given().get("/correlation/best-pairs").then().statusCode(404); // reads stay open
    }
}
