package com.smartinfra.simulator.generator;

/** Derives independent, reproducible seeds from the user's seed. */
final class Seeds {
    private Seeds() {}

    /** The SplitMix64 finalizer: nearby inputs give unrelated outputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Seed of stream {@code stream} of host {@code host}. */
    static long of(long seed, int host, int stream) {
        return mix(mix(seed) + 0x9e3779b97f4a7c15L * (2L * host + stream + 1));
    }

    /** A standard normal draw clipped to [-3, 3], so bounds on values hold by construction. */
    static double gaussian(java.util.Random random) {
        return Math.max(-3.0, Math.min(3.0, random.nextGaussian()));
    }
}
