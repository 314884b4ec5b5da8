package com.smartinfra.job.eval;

/** NAB's three application profiles ({@code config/profiles.json} of NAB). */
public enum NabProfile {
    STANDARD("standard", "standard", 1.0, 0.11, 1.0),
    REWARD_LOW_FP_RATE("reward_low_FP_rate", "low_fp", 1.0, 0.22, 1.0),
    REWARD_LOW_FN_RATE("reward_low_FN_rate", "low_fn", 1.0, 0.11, 2.0);

    private final String nabName;
    private final String shortName;
    private final NabSweeper.CostMatrix cost;

    NabProfile(String nabName, String shortName, double tp, double fp, double fn) {
        this.nabName = nabName;
        this.shortName = shortName;
        this.cost = new NabSweeper.CostMatrix(tp, fp, fn);
    }

    /** The name NAB uses in file names, e.g. {@code reward_low_FP_rate}. */
    public String nabName() {
        return nabName;
    }

    public String shortName() {
        return shortName;
    }

    public NabSweeper.CostMatrix cost() {
        return cost;
    }

    public NabSweeper sweeper() {
        return new NabSweeper(NabCorpus.PROBATION_PERCENT, cost);
    }
}
