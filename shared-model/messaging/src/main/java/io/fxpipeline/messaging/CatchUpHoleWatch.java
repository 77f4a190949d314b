package io.fxpipeline.messaging;

import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.sequence.Series;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consumer's catch-up holes on {@code system_alerts}, on a change of state only: {@code catchup_hole_open} once a
 * hole has stayed open for {@value #TIMEOUTS} catch-up timeouts ({@code FX_CATCHUP_TIMEOUT}: that many replay
 * requests went unanswered), and {@code catchup_hole_closed} when a replay then fills it. A hole filled sooner is not
 * news. Told by the consumer's periodic check, so "open since" is when a check first saw it.
 */
final class CatchUpHoleWatch {

    /** How many catch-up timeouts a hole may stay open before it is announced. */
    static final int TIMEOUTS = 3;

    private final String consumer;
    private final SystemAlerts alerts;
    private final Duration threshold;
    private final Map<Series, Instant> openSince = new HashMap<>();
    private final Set<Series> announced = new HashSet<>();

    CatchUpHoleWatch(String consumer, SystemAlerts alerts, Duration catchupTimeout) {
        this.consumer = consumer;
        this.alerts = alerts;
        this.threshold = catchupTimeout.multipliedBy(TIMEOUTS);
    }

    /** Compares the holes open now with the last check's; announces what changed. */
    Uni<Void> check(Set<Series> holes, Instant now) {
        List<Uni<Void>> news = new ArrayList<>();
        synchronized (this) {
            openSince.keySet().removeIf(series -> {
                if (holes.contains(series)) {
                    return false;
                }
                if (announced.remove(series)) {
                    news.add(alerts.changed(SystemAlert.Kind.CATCHUP_HOLE_CLOSED, subject(series),
                            "a replay filled the hole after " + Duration.between(openSince.get(series), now)));
                }
                return true;
            });
            for (Series series : holes) {
                Instant since = openSince.computeIfAbsent(series, s -> now);
                if (!announced.contains(series) && !now.isBefore(since.plus(threshold))) {
                    announced.add(series);
                    news.add(alerts.changed(SystemAlert.Kind.CATCHUP_HOLE_OPEN, subject(series), "a hole in the "
                            + "sequence has been open since " + since + ": no replay filled it within " + threshold
                            + " (ingest down, or not answering " + consumer + "'s replay requests)"));
                }
            }
        }
        return Multi.createFrom().iterable(news).onItem().transformToUniAndConcatenate(u -> u)
                .collect().last().replaceWithVoid();
    }

    private String subject(Series series) {
        return consumer + " " + series;
    }
}
