package io.fxpipeline.ingest.rest;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Issue 11: every bad parameter answers 400 problem+json naming it (they answered 500 or a bare 404). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class BadParametersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/candles/EUR_USD?from=-1000000000-01-01T00:00:00Z | from",
            "/candles/EUR_USD?to=+1000000000-01-01T00:00:00Z | to",
            "/candles/EUR_USD?limit=abc | limit must be a whole number, was",
            "/candles/EUR_USD?limit=1.5 | limit",
            "/candles/EUR_USD?limit=999999999999 | limit must be a whole number, was",
            "/jobs?limit=abc | limit",
            "/jobs?limit=0 | limit",
    })
    void answers400NamingTheParameter(String url, String parameter) {
        given().urlEncodingEnabled(false).get(url).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", org.hamcrest.Matchers.is(400))
                .body("detail", startsWith(parameter))
                .body("detail", containsString(parameter));
    }
}
