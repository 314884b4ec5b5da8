package com.smartinfra.api.http;

import java.io.IOException;
import java.io.InputStream;
import spark.Request;

/** Reads a request body with a bound, so a huge upload cannot fill the heap. */
public final class RequestBody {
    private RequestBody() {}

    /** The body, or null when it is larger than {@code maxBytes}. */
    public static byte[] read(Request req, int maxBytes) throws IOException {
        long declared = req.raw().getContentLengthLong();
        if (declared > maxBytes) {
            return null;
        }
        try (InputStream in = req.raw().getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            return body.length > maxBytes ? null : body;
        }
    }
}
