package com.smartinfra.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

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

    /** {@code {"<name>":[<item>, ...]}}: the shape of every list answer. */
    public static <T> byte[] list(String name, List<T> items, int bytesPerItem, Item<T> item) {
        return write(
                64 + items.size() * bytesPerItem,
                g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart(name);
                    for (T t : items) {
                        item.writeTo(g, t);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
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

    /** An instant as ISO-8601 UTC: whole seconds print without a fraction, else milliseconds. */
    public static void instant(JsonGenerator g, String name, long epochMs) throws IOException {
        g.writeStringField(name, Instant.ofEpochMilli(epochMs).toString());
    }

    /** A text field, left out when null (the point lacks it). */
    public static void textIfPresent(JsonGenerator g, String name, String value)
            throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** A number field, left out when NaN (the point lacks it). */
    public static void numberIfPresent(JsonGenerator g, String name, double value)
            throws IOException {
        if (!Double.isNaN(value)) {
            g.writeNumberField(name, value);
        }
    }

    /** A number field that is always there: null when NaN, as JSON has no NaN. */
    public static void numberOrNull(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isNaN(value)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** Writes a document through a generator. */
    @FunctionalInterface
    public interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /** Writes one item of a list. */
    @FunctionalInterface
    public interface Item<T> {
        void writeTo(JsonGenerator g, T item) throws IOException;
    }
}
