package io.fxpipeline.correlation.compute;

import io.fxpipeline.correlation.BestPair;
import io.fxpipeline.correlation.CorrelationCategory;
import io.fxpipeline.correlation.CorrelationMatrix;
import io.fxpipeline.correlation.PairCorrelation;
import io.fxpipeline.model.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.fxpipeline.correlation.CorrelationCategory.HIGHLY_CORRELATED;
import static io.fxpipeline.correlation.CorrelationCategory.NEGATIVELY_CORRELATED;
import static io.fxpipeline.correlation.CorrelationCategory.UNCORRELATED;
import static org.assertj.core.api.Assertions.assertThat;

class BestPairsRankingTest {

    @ParameterizedTest
    @CsvSource({"0.7, HIGHLY_CORRELATED", "-0.7, HIGHLY_CORRELATED", "0.6999999, MODERATELY_CORRELATED",
            "0.4, MODERATELY_CORRELATED", "0.3999999, UNCORRELATED", "-0.3999999, UNCORRELATED",
            "-0.4, NEGATIVELY_CORRELATED", "-0.6999999, NEGATIVELY_CORRELATED", "0, UNCORRELATED",
            "1, HIGHLY_CORRELATED", "-1, HIGHLY_CORRELATED"})
    void categoriesAtTheBoundaries(double r, CorrelationCategory expected) {
        assertThat(CorrelationCategory.of(r)).isEqualTo(expected);
    }

    @Test
    void reasonsSpeakToATrader() {
        assertThat(CorrelationCategory.reason(0.8)).contains("move together — avoid holding both");
        assertThat(CorrelationCategory.reason(-0.8)).contains("move against each other — strong hedge");
        assertThat(CorrelationCategory.reason(-0.5)).contains("hedging");
        assertThat(CorrelationCategory.reason(0.1)).contains("diversification");
        assertThat(CorrelationCategory.reason(-0.39)).contains("diversification");
    }

    @Test
    void bestPairsAreEveryPairBelowPointFourRankedHedgesFirst() {
        Pair a = Pair.of("AUD_USD");
        Pair b = Pair.of("EUR_USD");
        Pair c = Pair.of("USD_CHF");
        Pair d = Pair.of("USD_JPY");
        CorrelationMatrix m = new CorrelationMatrix(Instant.EPOCH, 100, List.of(a, b, c, d), List.of(
                new PairCorrelation(a, b, 0.55, 99), new PairCorrelation(a, c, -0.45, 99),
                new PairCorrelation(a, d, 0.4, 99), new PairCorrelation(b, c, -0.81, 99),
                new PairCorrelation(b, d, 0.05, 99), new PairCorrelation(c, d, null, 12)));
        List<BestPair> best = BestPairsRanking.of(m);
        assertThat(best).extracting(BestPair::rank).containsExactly(1, 2, 3);
        assertThat(best).extracting(BestPair::correlation).containsExactly(-0.81, -0.45, 0.05);
        assertThat(best).extracting(BestPair::category)
                .containsExactly(HIGHLY_CORRELATED, NEGATIVELY_CORRELATED, UNCORRELATED);
        assertThat(best.get(0).reason()).contains("strong hedge");
        assertThat(best.get(2).reason()).contains("diversification");
        assertThat(best.get(0).pairA()).isEqualTo(b);
        assertThat(best).noneMatch(p -> p.correlation() >= 0.4);
    }
}
