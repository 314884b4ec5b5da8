package com.smartinfra.api.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import spark.embeddedserver.EmbeddedServers;
import spark.embeddedserver.jetty.EmbeddedJettyFactory;
import spark.embeddedserver.jetty.JettyServerFactory;

/**
 * Spark's embedded Jetty, answering in {@code {"error":"..."}} what it refuses before any route
 * sees it, where it would otherwise send an HTML page or a 500:
 *
 * <ul>
 *   <li>what Jetty cannot parse: bad percent-encoding in the path, an illegal character, a URI or
 *       headers too long (the message is the standard reason phrase, never Jetty's detail, which
 *       may quote the request);
 *   <li>a path whose percent-encoding is not UTF-8 ({@code /silences/a%C3%28}): Jetty lets it
 *       through, then Spark's path-parameter decoding throws before a request object exists.
 * </ul>
 */
public final class JettyWithJsonErrors {
    /** The Spark embedded-server identifier of this Jetty. */
    private static final String IDENTIFIER = "jetty-with-json-errors";

    static final String MALFORMED =
            "malformed request: check the path, its percent-encoding and the headers";

    static {
        EmbeddedServers.add(IDENTIFIER, new EmbeddedJettyFactory(new ServerFactory()));
    }

    private JettyWithJsonErrors() {}

    /** For {@code Service.embeddedServerIdentifier}: registered with Spark once per JVM. */
    public static Object identifier() {
        return IDENTIFIER;
    }

    static String message(int status) {
        return status == 400 ? MALFORMED : HttpStatus.getMessage(status).toLowerCase(Locale.ROOT);
    }

    /** True when every percent-encoded byte sequence of the raw path is UTF-8. */
    static boolean isUtf8(String rawPath) {
        if (rawPath == null || rawPath.indexOf('%') < 0) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length()) {
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '%' || c > 0x7f) {
                return false;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Jetty's error answers as JSON. */
    private static final class JsonErrorHandler extends ErrorHandler {
        /** Requests refused while parsing. */
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
            fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
            fields.put(HttpHeader.CACHE_CONTROL, "no-store");
            fields.put("X-Content-Type-Options", "nosniff");
            return ByteBuffer.wrap(Json.error(message(status)));
        }

        /** Jetty writes no body for methods other than GET, POST and HEAD; JSON for all. */
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        /** Errors Jetty raises after parsing, outside Spark's routes. */
        @Override
        protected void generateAcceptableResponse(
                Request baseRequest,
                HttpServletRequest request,
                HttpServletResponse response,
                int code,
                String message)
                throws IOException {
            baseRequest.setHandled(true);
            writeJson(response, code);
        }
    }

    private static void writeJson(HttpServletResponse response, int status) throws IOException {
        byte[] body = Json.error(message(status));
        response.setStatus(status);
        response.setContentType(JsonResponses.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Refuses a path that is not UTF-8 before Spark decodes it. */
    private static final class Utf8PathServer extends Server {
        Utf8PathServer(ThreadPool pool) {
            super(pool);
            setErrorHandler(new JsonErrorHandler());
        }

        @Override
        public void handle(HttpChannel channel) throws IOException, ServletException {
            Request request = channel.getRequest();
            if (!isUtf8(request.getHttpURI().getPath())) {
                request.setHandled(true);
                writeJson(channel.getResponse(), 400);
                return;
            }
            super.handle(channel);
        }
    }

    /** Spark's own Jetty set-up, with the server above. */
    private static final class ServerFactory implements JettyServerFactory {
        @Override
        public Server create(int maxThreads, int minThreads, int idleTimeoutMs) {
            return new Utf8PathServer(new QueuedThreadPool(maxThreads, minThreads, idleTimeoutMs));
        }

        @Override
        public Server create(ThreadPool threadPool) {
            return new Utf8PathServer(threadPool == null ? new QueuedThreadPool() : threadPool);
        }
    }
}
