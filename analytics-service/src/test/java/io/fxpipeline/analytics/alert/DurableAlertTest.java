package io.fxpipeline.analytics.alert;

import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.Severity;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.testing.FxTestResource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * An alert raised while nobody listens on volatility_alerts is not lost: it is in analytics.volatility_alerts,
 * answered by GET /alerts and readable with XREAD from the alerts stream, the same message each time.
 */
@QuarkusTest
@QuarkusTestResource(FxTestResource.class)
class DurableAlertTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pair PAIR = Pair.of("AUD_NZD");

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Pool pool;

    @ConfigProperty(name = "fx.prefix")
    String prefix;

    private final MessageCodec codec = new MessageCodec();

    /** A wild walk: HV20 near 0.8 a year, far above the 0.15 threshold. */
    static List<Candle> wild(int n) {
        Random random = new Random(7);
        List<Candle> candles = new ArrayList<>();
        double close = 1.1;
        Instant start = Instant.parse("2024-05-06T00:00:00Z");
        for (int i = 0; i < n; i++) {
            double open = close;
            close = open * Math.exp(random.nextGaussian() * 0.01);
            BigDecimal o = price(open);
            BigDecimal c = price(close);
            candles.add(new Candle(start.plusSeconds(3600L * i), o, o.max(c), o.min(c), c, 100L));
        }
        return candles;
    }

    private static BigDecimal price(double v) {
        return BigDecimal.valueOf(v).setScale(5, RoundingMode.HALF_EVEN);
    }

    private List<VolatilityAlert> tableRows() {
        List<VolatilityAlert> rows = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT ts, volatility, threshold, severity, time FROM analytics.volatility_alerts WHERE pair = $1")
                .execute(Tuple.of(PAIR.name())).await().atMost(WAIT)) {
            rows.add(new VolatilityAlert(r.getOffsetDateTime(0).toInstant(), PAIR, Granularity.H1, r.getDouble(1),
                    r.getDouble(2), Severity.valueOf(r.getString(3)), r.getOffsetDateTime(4).toInstant()));
        }
        return rows;
    }

    @Test
    void anAlertNobodyHeardIsInTheTableTheApiAndTheStream() {
        Instant before = Instant.now();
        List<Candle> candles = wild(40);
        redis.pubsub(String.class).publish(new Channels(prefix).dataReady(),
                codec.encode(CandlesReady.live(Instant.now(), PAIR, Granularity.H1, 1, candles))).await().atMost(WAIT);
        await().atMost(WAIT).until(() -> tableRows().size() == 1);
        VolatilityAlert stored = tableRows().get(0);
        assertThat(stored.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(stored.time()).isEqualTo(candles.get(candles.size() - 1).time());
        // the seed's view: the newest metrics row of the pair
        Row latest = pool.preparedQuery("SELECT time, close, hv_20 FROM analytics.latest_metrics WHERE pair = $1")
                .execute(Tuple.of(PAIR.name())).await().atMost(WAIT).iterator().next();
        assertThat(latest.getOffsetDateTime(0).toInstant()).isEqualTo(stored.time());
        assertThat(latest.getDouble(1)).isEqualTo(candles.get(candles.size() - 1).close().doubleValue());
        assertThat(latest.getDouble(2)).isEqualTo(stored.volatility());

        List<VolatilityAlert> api = given().get("/alerts?pair=" + PAIR + "&since=" + before).then().statusCode(200)
                .extract().as(new TypeRef<List<Map<String, Object>>>() { }).stream()
                .map(m -> codec.decode(codec.mapper().valueToTree(withEnvelope(m)).toString(), VolatilityAlert.class)).toList();
        // PostgreSQL keeps microseconds: compare everything, the publication instant to the microsecond
        assertThat(api).containsExactly(stored);

        List<StreamMessage<String, String, String>> entries = redis.stream(String.class, String.class, String.class)
                .xread(new Channels(prefix).alertStream(), "0").await().atMost(WAIT);
        List<VolatilityAlert> streamed = entries.stream().filter(e -> e.payload().get("type").equals(VolatilityAlert.TYPE))
                .map(e -> codec.decode(e.payload().get("message"), VolatilityAlert.class))
                .filter(a -> a.pair().equals(PAIR)).toList();
        // the same message in the stream as in the table, to the microsecond of its ts: a copy sent again from the
        // table (see AlertRedeliveryTest) is then the same message, and the page shows it once
        assertThat(streamed).containsExactly(stored);
    }

    private static Map<String, Object> withEnvelope(Map<String, Object> fields) {
        Map<String, Object> message = new java.util.LinkedHashMap<>(fields);
        message.put("v", 1);
        message.put("type", VolatilityAlert.TYPE);
        return message;
    }

    @Test
    void badQueriesGetProblemDetails() {
        given().get("/alerts?since=yesterday").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("ISO-8601"));
        given().get("/alerts?pair=AUDNZD").then().statusCode(400).body("detail", containsString("AUDNZD"));
        given().get("/alerts?pair=USD_SEK").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("USD_SEK is not one of the tracked pairs (FX_PAIRS)"));
        given().get("/alerts?limit=0").then().statusCode(400).body("detail", containsString("limit"));
        given().get("/alerts?limit=1001").then().statusCode(400).body("detail", containsString("limit"));
    }
}
