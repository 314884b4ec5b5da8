package com.smartinfra.job.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Checkpoints buffered line-protocol lines as length-prefixed UTF-8. */
final class LineProtocolStateSerializer extends AsyncSinkWriterStateSerializer<String> {
    @Override
    protected void serializeRequestToStream(String line, DataOutputStream out) throws IOException {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    @Override
    protected String deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public int getVersion() {
        return 1;
    }
}
