package io.fxpipeline.correlation;

/** How two pairs move together, by the non-overlapping bands of docs/indicators.md. */
public enum CorrelationCategory {
    HIGHLY_CORRELATED("highly_correlated"),
    NEGATIVELY_CORRELATED("negatively_correlated"),
    MODERATELY_CORRELATED("moderately_correlated"),
    UNCORRELATED("uncorrelated");

    private final String wireName;

    CorrelationCategory(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** |r| ≥ 0.7 highly (either sign); −0.7 < r ≤ −0.4 negatively; 0.4 ≤ r < 0.7 moderately; else uncorrelated. */
    public static CorrelationCategory of(double r) {
        if (Math.abs(r) >= 0.7) {
            return HIGHLY_CORRELATED;
        }
        if (r <= -0.4) {
            return NEGATIVELY_CORRELATED;
        }
        if (r >= 0.4) {
            return MODERATELY_CORRELATED;
        }
        return UNCORRELATED;
    }

    /** What the number means for someone holding both pairs. */
    public static String reason(double r) {
        if (r >= 0.7) {
            return "move together — avoid holding both: the positions add up to one larger bet";
        }
        if (r <= -0.7) {
            return "move against each other — strong hedge: a position in one offsets the other";
        }
        if (r <= -0.4) {
            return "hedging: they tend to move in opposite directions, so one partly offsets the other";
        }
        if (r >= 0.4) {
            return "moderately correlated: holding both concentrates risk somewhat";
        }
        return "diversification: they move largely independently, so holding both spreads risk";
    }
}
