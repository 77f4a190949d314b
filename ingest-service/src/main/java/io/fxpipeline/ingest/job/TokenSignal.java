package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.feed.oanda.TokenRejections;
import io.fxpipeline.ingest.service.CandleSync.PairSync;
import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.message.SystemAlert;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * What a job does when OANDA rejects the token: the pairs not yet asked are not asked (each reports why, so
 * job_runs carries the reason), and system_alerts says so once, until a run gets through again.
 */
@ApplicationScoped
public class TokenSignal {

    static final String SUBJECT = "OANDA_API_KEY";

    private final TokenRejections rejections;
    private final SystemAlerts alerts;

    public TokenSignal(TokenRejections rejections, SystemAlerts alerts) {
        this.rejections = rejections;
        this.alerts = alerts;
    }

    /** A failed result for {@code pair} without asking OANDA, when the token was rejected since the run started. */
    public Optional<PairSync> notAsked(Pair pair, Instant runStarted) {
        return rejections.since(runStarted).map(r -> new PairSync(pair, 0, 0, 0, 0, null,
                "not asked: OANDA rejected the token in this run (" + r.message() + ")"));
    }

    /** After a run: announce a rejection met since it started, or clear the state once a pair got through. */
    public Uni<Void> after(Instant runStarted, PairsFetch fetch) {
        Optional<TokenRejections.Rejection> rejected = rejections.since(runStarted);
        if (rejected.isPresent()) {
            return alerts.changed(SystemAlert.Kind.TOKEN_REJECTED, SUBJECT, rejected.get().message()
                    + "; set a valid OANDA_API_KEY and restart ingest");
        }
        if (fetch.pairs().stream().anyMatch(p -> !p.failed())) {
            alerts.forget(SystemAlert.Kind.TOKEN_REJECTED, SUBJECT);
        }
        return Uni.createFrom().voidItem();
    }
}
