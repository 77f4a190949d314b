package io.fxpipeline.ingest.catchup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import java.time.Duration;
import java.util.List;

/** Bounds on what replay requests may cost ingest (a request is cheap to send and expensive to answer). */
@ConfigMapping(prefix = "fx.replay-answers")
public interface ReplayLimits {

    /** {@code FX_REPLAY_REQUESTERS}: the consumers whose requests are answered; anyone else's are dropped. */
    @WithDefault("analytics-service,correlation-service")
    @NotEmpty
    List<String> requesters();

    /** {@code FX_REPLAY_MAX_ROWS}: candles per pair per answer; the requester asks again for the next page. */
    @WithDefault("5000")
    @Min(500)
    @Max(1000000)
    int maxRows();

    /** {@code FX_REPLAY_RATE}: requests one requester may make per {@link #ratePeriod()} (a start-up asks one a pair). */
    @WithDefault("60")
    @Min(1)
    int rate();

    /** The period of {@link #rate()}. */
    @WithDefault("60s")
    Duration ratePeriod();

    /** {@code FX_REPLAY_MAX_CLAIMS}: size bound of the claim set that makes one replica answer each request. */
    @WithDefault("10000")
    @Min(100)
    int maxClaims();
}
