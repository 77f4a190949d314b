package io.fxpipeline.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxpipeline.model.Channels;
import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.VolatilityMetrics;
import io.fxpipeline.testing.ServerAddress;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Puts {@link SuiteData} into Redis the way the pipeline does: the cache keys analytics and correlation write, and
 * the messages they publish. Talks to the real Redis of the test harness under the run's prefix.
 */
final class DashboardFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Channels channels;
    final MessageCodec codec = new MessageCodec();
    final SuiteData data;
    private final Vertx vertx = Vertx.vertx();
    private final Redis client;

    /** Publishing only: no data of its own to cache or publish. */
    DashboardFixture(ServerAddress redis, String prefix) {
        this(redis, prefix, null);
    }

    DashboardFixture(ServerAddress redis, String prefix, SuiteData data) {
        this.channels = new Channels(prefix);
        this.data = data;
        this.client = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString("redis://" + redis.host() + ":" + redis.port()));
    }

    /** metrics:{PAIR} of every pair (newest candle), correlation:matrix and correlation:best_pairs. */
    void cacheEverything() throws Exception {
        for (Pair pair : data.bars.keySet()) {
            VolatilityMetrics m = data.metrics(pair, data.last(pair));
            Request hset = Request.cmd(Command.HSET).arg(channels.metricsKey(pair));
            codec.mapper().convertValue(m, ObjectNode.class).fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    hset.arg(f.getKey()).arg(f.getValue().isNumber() ? Double.toString(f.getValue().asDouble())
                            : f.getValue().asText());
                }
            });
            send(Request.cmd(Command.DEL).arg(channels.metricsKey(pair)));
            send(hset);
        }
        send(Request.cmd(Command.SET).arg(channels.correlationMatrixKey()).arg(matrixJson()));
        send(Request.cmd(Command.SET).arg(channels.bestPairsKey()).arg(bestPairsJson()));
    }

    /** The last {@code hours} metrics and candles of every pair, published as analytics and ingest do. */
    void publishHistory(int hours) throws Exception {
        for (Pair pair : data.bars.keySet()) {
            int last = data.last(pair);
            List<VolatilityMetrics> rows = IntStream.rangeClosed(last - hours + 1, last).mapToObj(t -> data.metrics(pair, t))
                    .toList();
            publish(channels.dataReady(), codec.encode(MetricsReady.of(Instant.now(), pair, Granularity.H1, rows)));
            publish(channels.dataReady(), codec.encode(CandlesReady.live(Instant.now(), pair, Granularity.H1, 1,
                    data.bars.get(pair).subList(last - hours + 1, last + 1).stream().map(SuiteData.Bar::candle).toList())));
        }
    }

    /** Connects now (the client connects on its first command), so a publish timed later does not include it. */
    void connect() throws Exception {
        send(Request.cmd(Command.PING));
    }

    /** Deletes keys, as their TTL would. */
    void delete(List<String> keys) throws Exception {
        Request del = Request.cmd(Command.DEL);
        keys.forEach(del::arg);
        send(del);
    }

    void publish(String channel, String payload) throws Exception {
        send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload));
    }

    String matrixJson() throws Exception {
        List<Pair> pairs = new ArrayList<>(data.bars.keySet());
        Double[][] r = new Double[pairs.size()][pairs.size()];
        Integer[][] n = new Integer[pairs.size()][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            r[i][i] = 1.0;
        }
        for (SuiteData.Entry e : data.correlations()) {
            int i = pairs.indexOf(e.a());
            int j = pairs.indexOf(e.b());
            r[i][j] = r[j][i] = e.r();
            n[i][j] = n[j][i] = e.observations();
        }
        ObjectNode matrix = JSON.createObjectNode().put("as_of", data.asOf().toString()).put("window", SuiteData.CORRELATION_WINDOW);
        pairs.forEach(p -> matrix.withArray("pairs").add(p.name()));
        matrix.set("matrix", JSON.valueToTree(r));
        matrix.set("observations", JSON.valueToTree(n));
        return JSON.writeValueAsString(matrix);
    }

    /** The strongest relations first, with the categories and reasons of indicators.md. */
    String bestPairsJson() throws Exception {
        ArrayNode best = JSON.createArrayNode();
        List<SuiteData.Entry> ranked = data.correlations().stream()
                .sorted(Comparator.comparingDouble((SuiteData.Entry e) -> -Math.abs(e.r()))).limit(20).toList();
        for (int i = 0; i < ranked.size(); i++) {
            SuiteData.Entry e = ranked.get(i);
            double r = e.r();
            best.addObject().put("rank", i + 1).put("pair_a", e.b().name()).put("pair_b", e.a().name()).put("correlation", r)
                    .put("category", Math.abs(r) >= 0.7 ? "highly_correlated" : r <= -0.4 ? "negatively_correlated"
                            : r >= 0.4 ? "moderately_correlated" : "uncorrelated")
                    .put("observations", e.observations())
                    .put("reason", r >= 0.7 ? "move together — avoid holding both"
                            : r <= -0.7 ? "move against each other — strong hedge"
                            : r <= -0.4 ? "hedging: one partly offsets the other"
                            : r >= 0.4 ? "moderately correlated: holding both concentrates risk" : "diversification");
        }
        return JSON.writeValueAsString(best);
    }

    private void send(Request request) throws Exception {
        client.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
