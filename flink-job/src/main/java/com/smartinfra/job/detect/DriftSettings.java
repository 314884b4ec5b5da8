package com.smartinfra.job.detect;

import java.io.Serializable;

/**
 * How the detector notices that a host's normal moved, and how it spaces its model anomalies.
 *
 * @param driftWindow number of recent verdicts the drift checks look at
 * @param driftSigmas retrain when the mean recent score moves this many score standard deviations
 * @param regimeChangeFraction when at least this share of the recent verdicts were model anomalies,
 *     the host has a new normal: those samples join the training window and the model is retrained
 * @param cooldownSamples after a model anomaly, the next this-many model anomalies of the host are
 *     not reported
 * @param recurrenceEpisodes a model anomaly seen in this many separate episodes (a nightly job, a
 *     daily peak) joins the training window at the next training: it is the host's normal. 0 =
 *     never.
 */
public record DriftSettings(
        int driftWindow,
        double driftSigmas,
        double regimeChangeFraction,
        int cooldownSamples,
        int recurrenceEpisodes)
        implements Serializable {

    void validate(SettingNames names) {
        names.requireRange("driftWindow", driftWindow, 4, 1024);
        if (!(driftSigmas > 0.0)) {
            throw names.invalid("driftSigmas", "must be positive, was " + driftSigmas);
        }
        if (!(regimeChangeFraction > 0.0 && regimeChangeFraction <= 1.0)) {
            throw names.invalid(
                    "regimeChangeFraction", "must be in (0, 1], was " + regimeChangeFraction);
        }
        names.requireRange("cooldownSamples", cooldownSamples, 0, 100_000);
        names.requireRange("recurrenceEpisodes", recurrenceEpisodes, 0, driftWindow);
    }

    @Override
    public String toString() {
        return "driftWindow="
                + driftWindow
                + ", driftSigmas="
                + driftSigmas
                + ", regimeChangeFraction="
                + regimeChangeFraction
                + ", cooldownSamples="
                + cooldownSamples
                + ", recurrenceEpisodes="
                + recurrenceEpisodes;
    }
}
