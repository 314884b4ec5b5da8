package com.smartinfra.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send: bad
 * percent-encoding, control characters, odd methods. The request line and headers go out as
 * ISO-8859-1 bytes exactly as given; the answer is read to the end (Connection: close).
 */
final class RawHttp {
    private static final int TIMEOUT_MS = 30_000;

    private RawHttp() {}

    /** One answer: status, headers by lower-case name, body bytes (de-chunked). */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    static Answer get(DashboardApi api, String target) {
        return send(api, "GET", target, Map.of(), null);
    }

    /** Sends one request; {@code headers} in order, Host and Connection added unless given. */
    static Answer send(
            DashboardApi api,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1:" + api.port());
        all.putAll(headers);
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Length", Integer.toString(body.length));
        }
        for (Map.Entry<String, String> h : all.entrySet()) {
            if (h.getValue() != null) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        head.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", api.port())) {
            s.setSoTimeout(TIMEOUT_MS);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            // the request is complete: a server waiting for more (CONNECT's tunnel) sees the end
            s.shutdownOutput();
            return parse(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target, e);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("no complete answer head: " + all.length + " bytes");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        List<String> te = headers.get("transfer-encoding");
        if (te != null && te.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int eol = indexOf(chunked, new byte[] {'\r', '\n'}, pos);
            if (eol < 0) {
                throw new IOException("bad chunk");
            }
            String size = new String(chunked, pos, eol - pos, StandardCharsets.ISO_8859_1);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(chunked, eol + 2, n);
            pos = eol + 2 + n + 2;
        }
    }

    private static int indexOf(byte[] a, byte[] b, int from) {
        outer:
        for (int i = from; i <= a.length - b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
