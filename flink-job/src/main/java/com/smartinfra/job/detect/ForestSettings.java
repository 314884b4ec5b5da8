package com.smartinfra.job.detect;

import java.io.Serializable;

/**
 * The isolation forest and the calibration of its threshold.
 *
 * @param subsample rows per tree (at most half the training set, so every row is out of bag for
 *     some trees)
 * @param extensionLevel 0 = classic isolation forest (axis-parallel cuts); up to dimensions - 1
 * @param contamination share of clean samples expected above the threshold: its quantile calibrates
 *     the threshold
 * @param seed seed of all training randomness; each host derives its own from it and its name
 */
public record ForestSettings(
        int trees, int subsample, int extensionLevel, double contamination, long seed)
        implements Serializable {

    /** Validates against a model of {@code dimensions} features. */
    void validate(SettingNames names, int dimensions) {
        names.requireRange("trees", trees, 1, 1000);
        names.requireRange("subsample", subsample, 4, 4096);
        names.requireRange("extensionLevel", extensionLevel, 0, dimensions - 1);
        if (!(contamination > 0.0 && contamination < 0.5)) {
            throw names.invalid("contamination", "must be in (0, 0.5), was " + contamination);
        }
    }

    @Override
    public String toString() {
        return "trees="
                + trees
                + ", subsample="
                + subsample
                + ", extensionLevel="
                + extensionLevel
                + ", contamination="
                + contamination;
    }
}
