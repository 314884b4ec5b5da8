package com.smartinfra.api.writeaccess;

import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.RequestLog;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * What a write ({@code POST /ingest}, {@code POST /silences}, {@code DELETE /silences/:id}, {@code
 * POST /api/v2/write}) must pass before its route runs, in this order:
 *
 * <ol>
 *   <li>429 with {@code Retry-After}: the client (remote address) is over its rate ({@link
 *       ClientRateLimiter}); counted first, so guessing the token is rate-limited too;
 *   <li>403: the request comes from another site's page ({@link WriteOrigins});
 *   <li>401 with {@code WWW-Authenticate: Bearer}: {@code API_TOKEN} is set and the request does
 *       not carry it ({@link ApiToken});
 *   <li>415: a body not declared {@code application/json}. A page may send {@code text/plain}, form
 *       or multipart bodies to any site without asking first (no CORS preflight); JSON it may not,
 *       so this also keeps foreign pages out where {@code Origin} is missing.
 * </ol>
 *
 * Reads never pass through here: they stay open.
 */
public final class WriteAccess {
    private static final Logger LOG = LoggerFactory.getLogger(WriteAccess.class);

    static final String JSON_MEDIA_TYPE = "application/json";

    private final ApiToken token;
    private final WriteOrigins origins;
    private final ClientRateLimiter limiter;
    private final String tooMany;

    WriteAccess(ApiConfig config, LongSupplier nanoTime) {
        char[] secret = config.apiToken();
        this.token = secret == null ? null : new ApiToken(secret);
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
        this.origins = new WriteOrigins(config.corsOrigins());
        this.limiter = new ClientRateLimiter(config.writeRate(), config.writeBurst(), nanoTime);
        this.tooMany =
                "too many writes from this client: at most "
                        + config.writeBurst()
                        + " at once, then "
                        + BigDecimal.valueOf(config.writeRate())
                                .stripTrailingZeros()
                                .toPlainString()
                        + " a second ("
                        + ApiConfig.API_WRITE_BURST
                        + ", "
                        + ApiConfig.API_WRITE_RATE
                        + "); retry in ";
    }

    public WriteAccess(ApiConfig config) {
        this(config, System::nanoTime);
    }

    /** True when writes need the API token. */
    public boolean authenticated() {
        return token != null;
    }

    /** {@code route}, for a write whose body must be JSON. */
    public Route withJsonBody(Route route) {
        return (req, res) -> {
            byte[] refusal = refuse(req, res, true);
            return refusal != null ? refusal : route.handle(req, res);
        };
    }

    /**
     * {@code route}, for an InfluxDB line protocol write ({@code text/plain}, as the InfluxDB
     * clients send it). A page of another site may send such a body without asking first, so these
     * writes need the API token always: with {@code API_TOKEN} unset they are refused.
     */
    public Route withLineProtocolBody(Route route) {
        return (req, res) -> {
            byte[] refusal = refuse(req, res, false);
            if (refusal == null && token == null) {
                LOG.warn(
                        "{} from {} refused: {} is not set",
                        RequestLog.describe(req),
                        req.ip(),
                        ApiConfig.API_TOKEN);
                refusal =
                        JsonResponses.send(
                                res,
                                403,
                                Json.error(
                                        "line protocol writes need the API token: set "
                                                + ApiConfig.API_TOKEN
                                                + " (or "
                                                + ApiConfig.API_TOKEN_FILE
                                                + ") and send Authorization: Token <token>"));
            }
            return refusal != null ? refusal : route.handle(req, res);
        };
    }

    /** {@code route}, for a write without a body. */
    public Route withoutBody(Route route) {
        return (req, res) -> {
            byte[] refusal = refuse(req, res, false);
            return refusal != null ? refusal : route.handle(req, res);
        };
    }

    /** The refusal answer, or null when the write may go ahead. */
    private byte[] refuse(Request req, Response res, boolean jsonBody) {
        String client = req.ip();
        long retryAfter = limiter.take(client);
        if (retryAfter > 0) {
            res.header("Retry-After", Long.toString(retryAfter));
            LOG.debug("{} from {}: too many writes", RequestLog.describe(req), client);
            return JsonResponses.send(res, 429, Json.error(tooMany + retryAfter + " s"));
        }
        String origin = req.headers("Origin");
        if (!origins.mayWrite(origin, req.headers("Host"))) {
            String shown = RequestLog.value(origin);
            LOG.warn(
                    "{} from {} refused: origin {} may not write",
                    RequestLog.describe(req),
                    client,
                    shown);
            return JsonResponses.send(
                    res,
                    403,
                    Json.error(
                            "origin "
                                    + shown
                                    + " may not write: only this API's own pages and "
                                    + ApiConfig.API_CORS_ORIGINS
                                    + " may"));
        }
        if (token != null && !token.accepts(req.headers("Authorization"))) {
            LOG.warn("{} from {} refused: no valid API token", RequestLog.describe(req), client);
            res.header("WWW-Authenticate", "Bearer realm=\"smart-infra\"");
            return JsonResponses.send(
                    res,
                    401,
                    Json.error(
                            "writes need the API token: send Authorization: Bearer <"
                                    + ApiConfig.API_TOKEN
                                    + ">"));
        }
        if (jsonBody && !isJson(req.contentType())) {
            return JsonResponses.send(
                    res,
                    415,
                    Json.error("a write body must be sent as Content-Type: " + JSON_MEDIA_TYPE));
        }
        return null;
    }

    /** {@code application/json}, any case, with or without parameters such as a charset. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals(JSON_MEDIA_TYPE);
    }
}
