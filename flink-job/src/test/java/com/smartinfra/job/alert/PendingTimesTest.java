package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PendingTimesTest {
    private static HostState queueOf(long... times) {
        HostState h = new HostState();
        PendingTimes.build(h, List.of());
        for (long t : times) {
            PendingTimes.add(h, t);
        }
        return h;
    }

    @Test
    void timesLeaveInOrderWhateverOrderTheyCameIn() {
        HostState h = queueOf(30, 60, 10, 90, 20, 100);
        assertThat(PendingTimes.first(h)).isEqualTo(10);
        assertThat(PendingTimes.takeUpTo(h, 5)).isEmpty();
        assertThat(PendingTimes.takeUpTo(h, 30)).containsExactly(10, 20, 30);
        PendingTimes.add(h, 40);
        assertThat(PendingTimes.takeUpTo(h, Long.MAX_VALUE)).containsExactly(40, 60, 90, 100);
        assertThat(PendingTimes.isEmpty(h)).isTrue();
    }

    @Test
    void aLongBacklogDrainsAndTheBufferShrinksBack() {
        HostState h = queueOf();
        for (long t = 1; t <= 10_000; t++) {
            PendingTimes.add(h, t * 3);
        }
        assertThat(h.pendingCount).isEqualTo(10_000);
        for (long t = 1; t <= 10_000; t++) {
            assertThat(PendingTimes.takeUpTo(h, t * 3)).as("at %d", t).containsExactly(t * 3);
            PendingTimes.add(h, 30_000 + t); // arrivals while it drains
        }
        assertThat(PendingTimes.takeUpTo(h, 40_000)).hasSize(10_000).isSorted();
        assertThat(h.pendingTimes.length).as("buffer after the drain").isLessThanOrEqualTo(16);
    }

    @Test
    void buildSortsWhatAMapStateLists() {
        HostState h = new HostState();
        assertThat(PendingTimes.built(h)).isFalse();
        PendingTimes.build(h, List.of(9L, 3L, 27L, 1L, 5L, 4L, 8L, 7L, 6L, 2L));
        assertThat(PendingTimes.built(h)).isTrue();
        assertThat(PendingTimes.takeUpTo(h, Long.MAX_VALUE))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 27);
    }
}
