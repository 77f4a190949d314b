package io.fxpipeline.dashboard.stream;

import io.fxpipeline.dashboard.StreamChannel;
import io.fxpipeline.dashboard.StreamMessage;
import io.fxpipeline.model.Pair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out's batching: a burst is queued by {@code deliver} and written by one {@code flush}, in order. */
class ClientSessionTest {

    /** The connection side: records the frames handed to it, each write completing at once. */
    static final class RecordingOutlet implements Outlet {
        final List<String> written = new ArrayList<>();

        @Override
        public Uni<Void> send(String frame) {
            written.add(frame);
            return Uni.createFrom().voidItem();
        }

        @Override
        public void close(int code, String reason) {
        }
    }

    private final RecordingOutlet outlet = new RecordingOutlet();
    private final ClientSession session = new ClientSession("c1", outlet, 512, Duration.ofSeconds(10), 20,
            new StreamMetrics(new SimpleMeterRegistry()), System::nanoTime);

    private static StreamMessage metrics(String pair, int n) {
        return new StreamMessage(StreamChannel.METRICS, List.of(Pair.of(pair)), "{\"n\":" + n + "}");
    }

    @Test
    void aBurstIsQueuedByDeliverAndWrittenInOrderByOneFlush() {
        session.subscribe(Set.of(StreamChannel.METRICS), Set.of());
        assertThat(session.deliver(metrics("EUR_USD", 1))).as("the first frame asks for a flush").isTrue();
        for (int n = 2; n <= 40; n++) {
            assertThat(session.deliver(metrics("GBP_USD", n))).as("one flush already asked for").isFalse();
        }
        assertThat(outlet.written).as("nothing written before the flush").isEmpty();
        session.flush();
        assertThat(outlet.written).hasSize(40).startsWith("{\"n\":1}").endsWith("{\"n\":40}");
        assertThat(session.deliver(metrics("EUR_USD", 41))).as("after a flush the next burst asks again").isTrue();
    }

    @Test
    void whatTheClientDidNotSubscribeToIsNeitherQueuedNorFlushed() {
        session.subscribe(Set.of(StreamChannel.METRICS), Set.of(Pair.of("EUR_USD")));
        assertThat(session.deliver(metrics("USD_JPY", 1))).isFalse();
        assertThat(session.deliver(new StreamMessage(StreamChannel.PRICES, List.of(Pair.of("EUR_USD")), "{}"))).isFalse();
        session.flush();
        assertThat(outlet.written).isEmpty();
    }
}
