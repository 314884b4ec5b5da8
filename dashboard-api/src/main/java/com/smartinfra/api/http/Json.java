package com.smartinfra.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The small JSON writer of the API: Jackson's streaming generator, no object mapping. */
public final class Json {
    public static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    /** Writes one JSON document with {@code body} and returns its UTF-8 bytes. */
    public static byte[] write(int sizeHint, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            // only a bug can get here: the target is memory
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"error":"<message>"}}. */
    public static byte[] error(String message) {
        return write(
                64 + message.length(),
                g -> {
                    g.writeStartObject();
                    g.writeStringField("error", message);
                    g.writeEndObject();
                });
    }

    /** Writes a document through a generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }
}
