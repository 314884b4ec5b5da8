package com.smartinfra.job.detect;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of a {@link HostDetector}: its compact state ({@link HostDetector#toBytes()}, at
 * most 16 KB; the forest itself is rebuilt deterministically from it, never stored).
 *
 * <p>With the heap (hashmap) state backend a detector lives as an object between checkpoints and is
 * serialized only when a checkpoint is taken, so the per-sample path never pays for it; {@link
 * #copy} (copy-on-write after a checkpoint) shares the immutable forest. A backend that
 * deserializes on every read (RocksDB) would rebuild the forest on every sample: the job runs on
 * the heap backend in every deployment.
 *
 * <p>A checkpoint serializes every host (100,000 hosts: up to 1.6 GB), so the bytes go through
 * Flink's unsynchronized buffers, not {@code HostDetector.toBytes()}'s JDK streams, whose every
 * {@code writeFloat} is four synchronized calls; the bytes written are the same. The buffers make
 * an instance single-threaded: {@link #duplicate()} gives each thread its own.
 */
public final class HostDetectorSerializer extends TypeSerializer<HostDetector> {
    private static final long serialVersionUID = 1L;

    private final DetectorConfig config;
    private transient DataOutputSerializer out;
    private transient DataInputDeserializer in;

    public HostDetectorSerializer(DetectorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    DetectorConfig config() {
        return config;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<HostDetector> duplicate() {
        return new HostDetectorSerializer(config); // its own buffers (the config is immutable)
    }

    @Override
    public HostDetector createInstance() {
        return null;
    }

    @Override
    public HostDetector copy(HostDetector from) {
        // copy-on-write of every host touched while a checkpoint is written: through the reused,
        // unsynchronized buffers (the JDK's streams cost ~100 us a host), sharing the forest
        try {
            writeToBuffer(from);
            if (in == null) {
                in = new DataInputDeserializer();
            }
            in.setBuffer(out.getSharedBuffer(), 0, out.length());
            return from.copyReadFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the detector of " + from.host(), e);
        }
    }

    @Override
    public HostDetector copy(HostDetector from, HostDetector reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(HostDetector record, DataOutputView target) throws IOException {
        writeToBuffer(record);
        target.writeInt(out.length());
        target.write(out.getSharedBuffer(), 0, out.length());
    }

    private void writeToBuffer(HostDetector record) throws IOException {
        if (out == null) {
            out = new DataOutputSerializer(config.maxStateBytes());
        }
        out.clear();
        record.writeTo(out); // what toBytes() holds
    }

    @Override
    public HostDetector deserialize(DataInputView source) throws IOException {
        byte[] state = new byte[source.readInt()];
        source.readFully(state);
        if (in == null) {
            in = new DataInputDeserializer();
        }
        in.setBuffer(state);
        return HostDetector.readFrom(in, config); // what fromBytes(state) reads
    }

    @Override
    public HostDetector deserialize(HostDetector reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostDetectorSerializer;
    }

    @Override
    public int hashCode() {
        return HostDetectorSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<HostDetector> snapshotConfiguration() {
        return new Snapshot(config);
    }

    /**
     * Remembers the configuration the states were written with, so a restore reads them back with
     * it; {@link DetectionFunction} then moves each host to the job's current configuration.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<HostDetector> {
        private DetectorConfig config;

        public Snapshot() {}

        Snapshot(DetectorConfig config) {
            this.config = config;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
                oos.writeObject(config);
            }
            out.writeInt(bytes.size());
            out.write(bytes.toByteArray());
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            try (ObjectInputStream ois =
                    new ObjectInputStream(new ByteArrayInputStream(b)) {
                        @Override
                        protected Class<?> resolveClass(java.io.ObjectStreamClass desc)
                                throws IOException, ClassNotFoundException {
                            return Class.forName(desc.getName(), false, classLoader);
                        }
                    }) {
                config = (DetectorConfig) ois.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }

        @Override
        public TypeSerializer<HostDetector> restoreSerializer() {
            return new HostDetectorSerializer(config);
        }

        @Override
        public TypeSerializerSchemaCompatibility<HostDetector> resolveSchemaCompatibility(
                TypeSerializerSnapshot<HostDetector> oldSerializerSnapshot) {
            return oldSerializerSnapshot instanceof Snapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
