package com.smartinfra.simulator.generator;

import java.util.Random;

/**
 * Correlated incidents across hosts: a shared dependency fails, and several hosts turn anomalous
 * within the same few samples. Roughly once per {@code every} of simulated time (the gaps vary by
 * ±25 %), {@code hosts} hosts picked at random each start an episode within two samples of the
 * incident's start and keep it for the same 5 to 10 samples: CPU at 90–98 % (threads spinning on
 * retries) and network throughput at 3–4 times its usual level. Their samples are labelled {@value
 * #LABEL}. Drawn from its own random stream, so the hosts' own episodes stay as they are.
 */
final class FleetIncidentInjector {
    /** The {@code injected} label of a fleet incident's samples. */
    static final String LABEL = "fleet";

    private static final int MIN_LENGTH = 5;
    private static final int MAX_LENGTH = 10;
    private static final int MAX_LAG = 2;

    private final Random random;
    private final long everyTicks;
    private final int affected;
    private final int hostCount;
    private long nextStart;
    private long start = -1;
    private int length;
    private final int[] lag;

    FleetIncidentInjector(long everyTicks, int affected, int hostCount, long seed) {
        if (everyTicks < 2 * (MAX_LENGTH + MAX_LAG)) {
            throw new IllegalArgumentException(
                    "fleet incidents must be at least "
                            + 2 * (MAX_LENGTH + MAX_LAG)
                            + " samples apart");
        }
        if (affected < 2 || affected > hostCount) {
            throw new IllegalArgumentException(
                    "a fleet incident needs 2 to " + hostCount + " hosts: " + affected);
        }
        this.random = new Random(seed);
        this.everyTicks = everyTicks;
        this.affected = affected;
        this.hostCount = hostCount;
        this.lag = new int[hostCount];
        this.nextStart = gap();
    }

    /**
     * Applies the fleet incident of tick {@code tick} to host {@code host}'s metrics; true when the
     * host is in one. Called for every host of a tick, in host order, ticks ascending.
     */
    boolean apply(long tick, int host, Metrics m, HostModel model) {
        if (host == 0 && tick == nextStart) {
            begin(tick);
        }
        if (start < 0 || lag[host] < 0) {
            return false;
        }
        long position = tick - start - lag[host];
        if (position < 0 || position >= length) {
            return false;
        }
        m.cpu = 90 + 8 * random.nextDouble();
        m.netIo = model.netIoBaseline() * (3 + random.nextDouble());
        return true;
    }

    private void begin(long tick) {
        start = tick;
        length = MIN_LENGTH + random.nextInt(MAX_LENGTH - MIN_LENGTH + 1);
        java.util.Arrays.fill(lag, -1);
        int picked = 0;
        while (picked < affected) {
            int h = random.nextInt(hostCount);
            if (lag[h] < 0) {
                lag[h] = random.nextInt(MAX_LAG + 1);
                picked++;
            }
        }
        nextStart = tick + gap();
    }

    /** Ticks to the next incident: {@code every} ± 25 %. */
    private long gap() {
        return Math.max(1, Math.round(everyTicks * (0.75 + 0.5 * random.nextDouble())));
    }
}
