package io.fxpipeline.correlation.rest;

import io.fxpipeline.testing.FxTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

/** Issue 11: every bad parameter answers 400 problem+json naming it (they answered 500 or a bare 404). */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class BadParametersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/correlation/matrix?asOf=-1000000000-01-01T00:00:00Z | asOf",
            "/correlation/best-pairs?limit=abc | limit",
            "/correlation/best-pairs?limit=1.5 | limit",
            "/correlation/pairs/EUR_USD/GBP_USD/history?limit=999999999999 | limit",
    })
    void answers400NamingTheParameter(String url, String parameter) {
        given().urlEncodingEnabled(false).get(url).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", startsWith(parameter));
    }

    /** A pair that is not tracked (a typo) is told so, not answered []. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/correlation/pairs/EUR_UDS/USD_JPY/history | EUR_UDS",
            "/correlation/pairs/USD_JPY/EUR_UDS/history | EUR_UDS",
            "/correlation/history?pair_a=USD_JPY&pair_b=EUR_UDS | EUR_UDS",
            "/alerts?pair=EUR_UDS | EUR_UDS",
    })
    void answers404ForAPairNotTracked(String url, String pair) {
        given().get(url).then().statusCode(404).contentType(startsWith("application/problem+json"))
                .body("detail", endsWith(pair + " is not one of the tracked pairs (FX_PAIRS)"));
    }
}
