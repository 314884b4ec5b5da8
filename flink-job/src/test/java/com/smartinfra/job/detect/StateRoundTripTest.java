package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

class StateRoundTripTest {
    /** A host with occasional spikes and a level change, so the state holds every kind of part. */
    private static List<Sample> series(String host, int n, long seed) {
        Samples s = new Samples(host, seed, 10_000L);
        Random r = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == n / 2) {
                s.cpu = 55;
            }
            out.add(r.nextInt(97) == 0 ? s.at(80, 80, 60) : s.next());
        }
        return out;
    }

    @Test
    void restoredDetectorGivesTheSameVerdictsAsTheOriginal() throws IOException {
        DetectorConfig c = DetectorConfig.defaults();
        List<Sample> xs = series("web-7", 1600, 21);
        HostDetector original = new HostDetector("web-7", c);
        for (Sample x : xs.subList(0, 700)) {
            original.process(x);
        }
        assertThat(original.modelVersion()).isGreaterThan(3);
        byte[] state = original.toBytes();
        HostDetector restored = HostDetector.fromBytes(state, c);
        // disturb everything a model build could pick up from its surroundings
        GaussianDistribution.getInstance().rand();
        MathEx.setSeed(12345);
        MathEx.random();

        int anomalies = 0;
        for (Sample x : xs.subList(700, xs.size())) {
            Anomaly a = original.process(x);
            Anomaly b = restored.process(x);
            assertThat(b).isEqualTo(a);
            assertThat(Double.doubleToLongBits(restored.lastScore()))
                    .isEqualTo(Double.doubleToLongBits(original.lastScore()));
            assertThat(restored.modelVersion()).isEqualTo(original.modelVersion());
            if (a != null) {
                anomalies++;
            }
        }
        assertThat(anomalies).isGreaterThan(5);
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    }

    @Test
    void everyFeatureKindSurvivesTheRoundTrip() throws IOException {
        DetectorConfig c =
                DetectorConfig.builder()
                        .rollingWindow(4)
                        .shingle(1)
                        .seasonPeriod(50)
                        .trainingSize(96)
                        .retrainEverySamples(32)
                        .cooldownSamples(3)
                        .build();
        List<Sample> xs = series("h", 900, 28);
        HostDetector original = new HostDetector("h", c);
        for (Sample x : xs.subList(0, 450)) {
            original.process(x);
        }
        HostDetector restored = HostDetector.fromBytes(original.toBytes(), c);
        for (Sample x : xs.subList(450, 900)) {
            assertThat(restored.process(x)).isEqualTo(original.process(x));
        }
        assertThat(restored.toBytes()).isEqualTo(original.toBytes());
        assertThat(original.toBytes().length).isLessThanOrEqualTo(c.maxStateBytes());
    }

    @Test
    void stateOfAHostWithAFullWindowFitsIn16KiB() {
        DetectorConfig c = DetectorConfig.defaults();
        HostDetector d =
                new HostDetector("a-rather-long-host-name-for-the-bound.example.internal", c);
        List<Sample> xs = series(d.host(), 3000, 22);
        int largest = 0;
        for (int i = 0; i < xs.size(); i++) {
            d.process(xs.get(i));
            if (i % 50 == 0 || i == xs.size() - 1) {
                largest = Math.max(largest, d.toBytes().length);
            }
        }
        assertThat(d.windowSize()).isEqualTo(c.windowCapacity());
        assertThat(largest)
                .isLessThanOrEqualTo(c.maxStateBytes())
                .isLessThanOrEqualTo(DetectorConfig.MAX_STATE_BYTES);
        System.out.println("state bytes per host (default config, full window): " + largest);
    }

    @Test
    void theForestItselfWouldBeLarger() {
        HostDetector d = new HostDetector("h", DetectorConfig.defaults());
        for (Sample x : series("h", 600, 23)) {
            d.process(x);
        }
        CompactIsolationForest forest = (CompactIsolationForest) d.model().forest();
        assertThat(forest.sizeBytes()).isGreaterThan(d.toBytes().length);
    }

    /** Extension level 0 is the compact forest, above 0 Smile's extended one: both reproducible. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void sameRowsAndSeedBuildTheSameForestBitForBitWhateverRanBefore(int extensionLevel)
            throws Exception {
        DetectorConfig c = DetectorConfig.builder().extensionLevel(extensionLevel).build();
        Random r = new Random(5);
        double[][] rows = new double[300][6];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) (r.nextGaussian() * (j + 1));
            }
        }
        byte[] reference = serialized(ForestModel.train(rows, c, 77L, 1));
        GaussianDistribution.getInstance().rand(); // leaves a cached Box-Muller value, or takes it
        assertThat(serialized(ForestModel.train(rows, c, 77L, 1))).isEqualTo(reference);
        GaussianDistribution.getInstance().rand();
        MathEx.setSeed(99);
        assertThat(serialized(ForestModel.train(rows, c, 77L, 1))).isEqualTo(reference);
        // other threads training at the same time, each with its own scratch buffers
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> builds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                long seed = i % 2 == 0 ? 77L : 78L;
                builds.add(pool.submit(() -> serialized(ForestModel.train(rows, c, seed, 1))));
            }
            for (int i = 0; i < builds.size(); i += 2) {
                assertThat(builds.get(i).get()).isEqualTo(reference);
                assertThat(builds.get(i + 1).get()).isNotEqualTo(reference);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] serialized(ForestModel m) throws IOException {
        if (m.forest() instanceof CompactIsolationForest compact) {
            long[] nodes = compact.nodesCopy();
            ByteBuffer b = ByteBuffer.allocate(8 * nodes.length);
            b.asLongBuffer().put(nodes);
            return b.array();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(((SmileForest) m.forest()).forest());
        }
        return bytes.toByteArray();
    }

    @Test
    void stateOfAnotherFeatureLayoutIsRefusedClearly() {
        HostDetector d = new HostDetector("h", DetectorConfig.defaults());
        for (Sample x : series("h", 100, 24)) {
            d.process(x);
        }
        byte[] state = d.toBytes();
        DetectorConfig other = DetectorConfig.builder().shingle(1).trainingSize(192).build();
        assertThatThrownBy(() -> HostDetector.fromBytes(state, other))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'h'")
                .hasMessageContaining("6 features")
                .hasMessageContaining("9");
        assertThatThrownBy(
                        () ->
                                HostDetector.fromBytes(
                                        new byte[] {7, 1, 2}, DetectorConfig.defaults()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 7");
    }

    @Test
    void stateWrittenWithTheOldCadenceRestoresUnderTheNewDefaults() throws IOException {
        // what a deployment upgrading past the cadence change restores: a window of 384 + 64 rows,
        // a model calibrated at contamination 0.002
        DetectorConfig old =
                DetectorConfig.defaults().toBuilder()
                        .retrainEverySamples(64)
                        .contamination(0.002)
                        .build();
        List<Sample> xs = series("web-7", 1600, 21);
        HostDetector before = new HostDetector("web-7", old);
        for (Sample x : xs.subList(0, 700)) {
            before.process(x);
        }
        int version = before.modelVersion();
        assertThat(version).isGreaterThan(3);

        HostDetector after = HostDetector.fromBytes(before.toBytes(), DetectorConfig.defaults());
        int anomalies = 0;
        for (Sample x : xs.subList(700, xs.size())) {
            if (after.process(x) != null) {
                anomalies++;
            }
        }
        assertThat(anomalies).isGreaterThan(5);
        // 900 samples at the new cadence: about 7 retrains, not the old cadence's 14
        assertThat(after.modelVersion() - version).isBetween(5, 9);
        HostDetector again = HostDetector.fromBytes(after.toBytes(), DetectorConfig.defaults());
        assertThat(again.toBytes()).isEqualTo(after.toBytes());
    }

    @Test
    void aWarmingUpHostRoundTripsToo() throws IOException {
        DetectorConfig c = DetectorConfig.defaults();
        List<Sample> xs = series("h", 200, 25);
        HostDetector a = new HostDetector("h", c);
        for (Sample x : xs.subList(0, 10)) {
            a.process(x);
        }
        HostDetector b = HostDetector.fromBytes(a.toBytes(), c);
        assertThat(b.modelVersion()).isZero();
        for (Sample x : xs.subList(10, 200)) {
            assertThat(b.process(x)).isEqualTo(a.process(x));
        }
        assertThat(b.modelVersion()).isEqualTo(a.modelVersion()).isPositive();
    }

    @Test
    void detectorKeepsHostsApartAndRestoresOneHost() throws IOException {
        Detector det = new Detector(DetectorConfig.defaults());
        List<Sample> a = series("a", 400, 26);
        List<Sample> b = series("b", 400, 27);
        for (int i = 0; i < 400; i++) {
            det.process(a.get(i));
            det.process(b.get(i));
        }
        assertThat(det.hostCount()).isEqualTo(2);
        assertThat(det.host("a").samplesSeen()).isEqualTo(400);
        byte[] state = det.snapshot("a");
        Detector other = new Detector(DetectorConfig.defaults());
        assertThat(other.restore(state)).isEqualTo("a");
        assertThat(other.host("a").modelVersion()).isEqualTo(det.host("a").modelVersion());
        assertThatThrownBy(() -> det.snapshot("nobody")).hasMessageContaining("'nobody'");
    }

    /**
     * The heap backend copies a detector the first time it is touched while a checkpoint is being
     * written (copy-on-write): the copy shares the forest, it does not retrain it, and it goes on
     * exactly as the original.
     */
    @Test
    void theStateBackendsCopySharesTheForestInsteadOfRebuildingIt() {
        DetectorConfig c = DetectorConfig.defaults();
        List<Sample> xs = series("web-8", 1400, 23);
        HostDetector original = new HostDetector("web-8", c);
        for (Sample x : xs.subList(0, 700)) {
            original.process(x);
        }
        assertThat(original.modelVersion()).isGreaterThan(3);

        long builds = ForestModel.builds();
        HostDetector copy = new HostDetectorSerializer(c).copy(original);
        assertThat(copy).isNotSameAs(original);
        assertThat(copy.model()).isSameAs(original.model());

        int retrainings = 0;
        for (Sample x : xs.subList(700, xs.size())) {
            int version = original.modelVersion();
            Anomaly a = original.process(x);
            assertThat(copy.process(x)).isEqualTo(a);
            retrainings += original.modelVersion() - version;
        }
        assertThat(retrainings).isPositive();
        // each retraining built once in each of the two: nothing for the copy itself
        assertThat(ForestModel.builds() - builds).isEqualTo(2L * retrainings);
        assertThat(copy.toBytes()).isEqualTo(original.toBytes());
    }

    /**
     * Checkpoints hold each host as its length-prefixed {@code toBytes()}: the serializer, which
     * writes through Flink's buffers for speed, writes and reads exactly that, reusing its buffer
     * host after host; its buffers make it single-threaded, so each duplicate (one per thread) is a
     * new instance.
     */
    @Test
    void theSerializerWritesTheLengthPrefixedStateAndEachDuplicateHasItsOwnBuffers()
            throws IOException {
        DetectorConfig c = DetectorConfig.defaults();
        HostDetector trained = new HostDetector("web-9", c);
        for (Sample x : series("web-9", 500, 29)) {
            trained.process(x);
        }
        HostDetector warmingUp = new HostDetector("web-10", c);
        for (Sample x : series("web-10", 5, 31)) {
            warmingUp.process(x);
        }
        HostDetectorSerializer serializer = new HostDetectorSerializer(c);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(trained, out);
        serializer.serialize(warmingUp, out);

        byte[] a = trained.toBytes();
        byte[] b = warmingUp.toBytes();
        ByteBuffer expected = ByteBuffer.allocate(8 + a.length + b.length);
        expected.putInt(a.length).put(a).putInt(b.length).put(b);
        assertThat(out.getCopyOfBuffer()).isEqualTo(expected.array());

        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertThat(serializer.deserialize(in).toBytes()).isEqualTo(a);
        assertThat(serializer.deserialize(in).toBytes()).isEqualTo(b);
        assertThat(in.available()).isZero();

        assertThat(serializer.duplicate()).isNotSameAs(serializer).isEqualTo(serializer);
    }
}
