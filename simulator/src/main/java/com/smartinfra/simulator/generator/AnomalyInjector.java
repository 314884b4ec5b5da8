package com.smartinfra.simulator.generator;

import java.util.Random;

/**
 * Decides, sample by sample, whether one host is in an anomaly episode, and overwrites the normal
 * values of the affected metrics while it is.
 *
 * <p>Outside an episode each sample starts one with probability {@code q}. With mean episode length
 * {@code L}, the long-run fraction of anomalous samples is {@code L / (L + (1 - q) / q)}; solving
 * for {@code q} makes that fraction equal to the requested anomaly rate, ramps included.
 */
final class AnomalyInjector {
    private static final AnomalyKind[] KINDS = AnomalyKind.values();

    private final Random random;
    private final double startProbability;
    private AnomalyKind kind;
    private int length;
    private int position;
    private double peak;

    AnomalyInjector(double anomalyRate, long seed) {
        if (!(anomalyRate >= 0 && anomalyRate <= 1)) {
            throw new IllegalArgumentException("anomaly rate must be within 0..1: " + anomalyRate);
        }
        this.random = new Random(seed);
        double l = AnomalyKind.meanEpisodeLength();
        this.startProbability =
                anomalyRate == 0 ? 0 : anomalyRate / (anomalyRate + l * (1 - anomalyRate));
    }

    /**
     * Applies the current episode (starting one by chance) to {@code m}; returns its kind, or
     * {@code null} when this sample stays normal.
     */
    AnomalyKind apply(Metrics m, HostModel host) {
        if (kind == null) {
            if (startProbability == 0 || random.nextDouble() >= startProbability) {
                return null;
            }
            start();
        }
        AnomalyKind current = kind;
        double progress = (position + 1) / (double) length;
        switch (current) {
            case CPU_SPIKE:
                m.cpu = uniform(92, 99.5);
                break;
            case MEMORY_LEAK:
                // starts above the normal ceiling, ends at the peak (> 90%)
                m.memory = 80 + (peak - 80) * progress + 0.3 * Seeds.gaussian(random);
                break;
            case DISK_FILL:
                m.disk = 85 + (peak - 85) * progress + 0.1 * Seeds.gaussian(random);
                m.diskIo = host.diskIoBaseline() * uniform(3, 4);
                break;
            case OVERLOAD:
                // one severity drives every metric: the correlation is the signature
                double severity = random.nextDouble();
                m.cpu = 90 + 9 * severity;
                m.memory = 86 + 10 * severity;
                m.diskIo = host.diskIoBaseline() * (4 + 2 * severity);
                m.netIo = host.netIoBaseline() * (4 + 2 * severity);
                break;
            default:
                throw new AssertionError(current);
        }
        if (++position == length) {
            kind = null;
        }
        return current;
    }

    private void start() {
        kind = KINDS[random.nextInt(KINDS.length)];
        length = kind.minLength() + random.nextInt(kind.maxLength() - kind.minLength() + 1);
        position = 0;
        switch (kind) {
            case MEMORY_LEAK:
                peak = uniform(93, 99);
                break;
            case DISK_FILL:
                peak = uniform(96.5, 99.8);
                break;
            default:
                peak = 0;
        }
    }

    private double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }
}
