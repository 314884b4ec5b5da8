package com.smartinfra.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer's queue on its own: order, room, backoff gate, what a checkpoint gets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WriteQueueTest {
    private static final Backoff FAST =
            Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
    private static final Backoff SLOW =
            Backoff.exponential(Duration.ofMinutes(10), Duration.ofMinutes(10));

    @Test
    void keepsArrivalOrderAndPutsTheHalvesOfARefusedBatchInItsPlace() throws Exception {
        WriteQueue q = new WriteQueue(100, FAST, 1000);
        q.add(List.of("a", "b", "c", "d", "e"), () -> {});
        q.add(List.of("f"), () -> {});

        WriteQueue.Batch first = q.next();
        assertThat(first.lines).containsExactly("a", "b", "c", "d", "e");
        q.split(first);
        assertThat(q.lines()).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(q.next().lines).containsExactly("a", "b");
        assertThat(q.next().lines).containsExactly("c", "d", "e");
        assertThat(q.next().lines).containsExactly("f");
        assertThat(q.answering()).isTrue();
    }

    @Test
    void aCheckpointGetsEveryPointNotYetWrittenIncludingThoseBeingWritten() throws Exception {
        WriteQueue q = new WriteQueue(100, FAST, 1000);
        q.add(List.of("a", "b"), () -> {});
        q.add(List.of("c"), () -> {});
        WriteQueue.Batch inAttempt = q.next();
        assertThat(q.lines()).containsExactly("a", "b", "c");
        q.done(inAttempt);
        assertThat(q.lines()).containsExactly("c");
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void aFullQueueHoldsTheHandOverUntilWrittenPointsMakeRoom() throws Exception {
        WriteQueue q = new WriteQueue(4, FAST, 1000);
        AtomicBoolean firstIn = new AtomicBoolean();
        AtomicBoolean secondIn = new AtomicBoolean();
        q.add(List.of("a", "b", "c"), () -> firstIn.set(true));
        q.add(List.of("d", "e"), () -> secondIn.set(true));
        assertThat(firstIn).isTrue();
        assertThat(secondIn).as("3 + 2 points exceed the room for 4").isFalse();
        // held, not lost: a checkpoint has it
        assertThat(q.lines()).containsExactly("a", "b", "c", "d", "e");
        assertThat(q.size()).isEqualTo(5);

        q.done(q.next());
        assertThat(secondIn).isTrue();
        assertThat(q.next().lines).containsExactly("d", "e");
    }

    @Test
    void aBatchLargerThanTheWholeRoomStillGoesInOnceTheQueueIsEmpty() {
        WriteQueue q = new WriteQueue(2, FAST, 1000);
        AtomicBoolean in = new AtomicBoolean();
        q.add(List.of("a", "b", "c"), () -> in.set(true));
        assertThat(in).isTrue();
    }

    @Test
    void afterAFailureTheNextAttemptWaitsForTheBackoff() throws Exception {
        WriteQueue q = new WriteQueue(100, SLOW, 1000);
        q.add(List.of("a"), () -> {});
        WriteQueue.Batch b = q.next();
        long delay = q.failed(b, WriteFailure.TRANSIENT, 0);
        assertThat(delay)
                .isBetween(Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(10).toMillis());
        assertThat(q.answering()).isFalse();
        assertThat(q.consecutiveFailures()).isEqualTo(1);
        // the batch stays, first in line
        assertThat(q.lines()).containsExactly("a");

        CompletableFuture<WriteQueue.Batch> retry =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.next();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(500);
        assertThat(retry).as("minutes of backoff left").isNotDone();
        q.close();
        assertThat(retry.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void whileInfluxDbFailsOnlyOneAttemptRunsAtATime() throws Exception {
        WriteQueue q = new WriteQueue(100, FAST, 1000);
        q.add(List.of("a"), () -> {});
        q.add(List.of("b"), () -> {});
        q.add(List.of("c"), () -> {});
        // while InfluxDB answers, two writer threads write two batches at once
        WriteQueue.Batch a = q.next();
        WriteQueue.Batch b = q.next();
        q.failed(a, WriteFailure.TRANSIENT, 0);

        CompletableFuture<WriteQueue.Batch> probe =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.next();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        Thread.sleep(500);
        assertThat(probe).as("b is still being written").isNotDone();
        q.failed(b, WriteFailure.TRANSIENT, 0);
        // one probe: the oldest batch first
        assertThat(probe.get(10, TimeUnit.SECONDS).lines).containsExactly("a");
        assertThat(q.consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void aConfigurationErrorWaitsTheConfiguredInterval() throws Exception {
        WriteQueue q = new WriteQueue(100, FAST, 60_000);
        q.add(List.of("a"), () -> {});
        assertThat(q.failed(q.next(), WriteFailure.CONFIGURATION, 0)).isEqualTo(60_000);
    }

    @Test
    void waitingForTheQueueToEmptyStopsOnceInfluxDbStopsAnswering() throws Exception {
        WriteQueue q = new WriteQueue(100, SLOW, 1000);
        q.add(List.of("a"), () -> {});
        CompletableFuture<Boolean> emptied =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.awaitEmpty(TimeUnit.MINUTES.toNanos(5), true);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        q.failed(q.next(), WriteFailure.TRANSIENT, 0);
        assertThat(emptied.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(q.lines()).containsExactly("a");
    }

    @Test
    void waitingForTheQueueToEmptyEndsWhenTheLastPointIsWritten() throws Exception {
        WriteQueue q = new WriteQueue(100, FAST, 1000);
        q.add(List.of("a", "b"), () -> {});
        CompletableFuture<Boolean> emptied =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.awaitEmpty(Long.MAX_VALUE, false);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        });
        WriteQueue.Batch b = q.next();
        q.split(b);
        q.done(q.next());
        assertThat(emptied).isNotDone();
        q.done(q.next());
        assertThat(emptied.get(10, TimeUnit.SECONDS)).isTrue();
    }
}
