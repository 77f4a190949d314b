package io.fxpipeline.ingest.catchup;

import io.fxpipeline.messaging.config.CheckedSettings;
import io.fxpipeline.messaging.config.SettingRules;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Bounds on what replay requests may cost ingest (a request is cheap to send and expensive to answer). */
@ConfigMapping(prefix = "fx.replay-answers")
public interface ReplayLimits extends CheckedSettings {

    /** {@code FX_REPLAY_REQUESTERS}: the consumers whose requests are answered; anyone else's are dropped. */
    @WithDefault("analytics-service,correlation-service")
    List<String> requesters();

    /** {@code FX_REPLAY_MAX_ROWS}: candles per pair per answer; the requester asks again for the next page. */
    @WithDefault("5000")
    int maxRows();

    /** {@code FX_REPLAY_RATE}: requests one requester may make per {@link #ratePeriod()} (a start-up asks one a pair). */
    @WithDefault("60")
    int rate();

    /** The period of {@link #rate()}. */
    @WithDefault("60s")
    Duration ratePeriod();

    /** {@code FX_REPLAY_MAX_CLAIMS}: size bound of the claim set that makes one replica answer each request. */
    @WithDefault("10000")
    int maxClaims();

    @Override
    default void check(SettingRules rules) {
        rules.notEmpty("requesters", requesters())
                .between("max-rows", maxRows(), 500, 1_000_000)
                .atLeast("rate", rate(), 1)
                .atLeast("max-claims", maxClaims(), 100);
    }
}
