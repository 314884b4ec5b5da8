package com.smartinfra.job.detect;

import java.io.Serializable;

/**
 * The threshold rules: a metric above its limit (a percentage) is an anomaly at once.
 *
 * @param enabled whether the rules run at all
 * @param cpuLimit CPU above this percentage is an anomaly (rule {@code cpu>limit})
 */
public record RuleLimits(boolean enabled, double cpuLimit, double memoryLimit, double diskLimit)
        implements Serializable {

    public double limitOf(Metric m) {
        switch (m) {
            case CPU:
                return cpuLimit;
            case MEMORY:
                return memoryLimit;
            case DISK:
                return diskLimit;
            default:
                throw new AssertionError(m);
        }
    }

    void validate(SettingNames names) {
        for (Metric m : Metric.values()) {
            double limit = limitOf(m);
            if (!(limit > 0.0 && limit <= 100.0)) {
                throw names.invalid(
                        m.label() + "Limit", "must be a percentage in (0, 100], was " + limit);
            }
        }
    }

    @Override
    public String toString() {
        return enabled
                ? "cpu>" + cpuLimit + ",memory>" + memoryLimit + ",disk>" + diskLimit
                : "off";
    }
}
