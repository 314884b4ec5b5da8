package com.smartinfra.job.detect;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a host's model is first trained and retrained, and on how many samples.
 *
 * @param warmUp how much event time of samples a host needs before the model gives any verdict
 * @param minTrainingSamples the fewest clean samples the first model is trained on (also part of
 *     the warm-up)
 * @param trainingSize the most recent clean samples a model is trained on
 * @param retrainEverySamples retrain after this many new clean samples
 * @param retrainEvery retrain after this much event time, if new clean samples came
 */
public record TrainingSchedule(
        Duration warmUp,
        int minTrainingSamples,
        int trainingSize,
        int retrainEverySamples,
        Duration retrainEvery)
        implements Serializable {

    /** Rows the training window holds: the training set plus the samples until the next retrain. */
    public int windowCapacity() {
        return trainingSize + retrainEverySamples;
    }

    void validate(SettingNames names) {
        if (warmUp == null || warmUp.isNegative()) {
            throw names.invalid("warmUp", "must be a duration of 0 or more, was " + warmUp);
        }
        names.requireRange("minTrainingSamples", minTrainingSamples, 8, 100_000);
        names.requireRange("trainingSize", trainingSize, minTrainingSamples, 100_000);
        names.requireRange("retrainEverySamples", retrainEverySamples, 1, trainingSize);
        if (retrainEvery == null || retrainEvery.isNegative() || retrainEvery.isZero()) {
            throw names.invalid("retrainEvery", "must be a positive duration, was " + retrainEvery);
        }
    }

    @Override
    public String toString() {
        return "warmUp="
                + warmUp
                + ", minTrainingSamples="
                + minTrainingSamples
                + ", trainingSize="
                + trainingSize
                + ", retrainEverySamples="
                + retrainEverySamples
                + ", retrainEvery="
                + retrainEvery;
    }
}
