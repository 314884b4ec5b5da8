package com.smartinfra.api.silences;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.schema.InvalidSilenceCommandException;
import com.smartinfra.schema.SilenceCommand;
import com.smartinfra.schema.SilenceCommandJson;
import java.time.Clock;
import java.time.Duration;

/**
 * The body of {@code POST /silences}: {@code {"host":"web-01"|"*","cause":"cpu","until":
 * "2025-06-24T18:00:00Z"|1750788000000,"comment":"..."}}, read by the job's own format ({@link
 * SilenceCommandJson#parseSilenceRequest}), so what the API accepts the job never skips. On top,
 * the API's rules on the clock: {@code until} must lie in the future and at most {@link
 * #MAX_DURATION} ahead.
 */
public final class SilenceRequestParser {
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    private final Clock clock;

    public SilenceRequestParser(Clock clock) {
        this.clock = clock;
    }

    /** The silence command, with {@code id}, that the body asks for. */
    public SilenceCommand parse(byte[] body, String id) throws BadRequestException {
        SilenceCommand c;
        try {
            c = SilenceCommandJson.parseSilenceRequest(body, id);
        } catch (InvalidSilenceCommandException e) {
            // the reason quotes no more than a cut, printable field name: safe to answer
            throw new BadRequestException(e.getMessage());
        }
        long now = clock.millis();
        if (c.until <= now) {
            throw new BadRequestException("field 'until' must be in the future");
        }
        if (c.until > now + MAX_DURATION.toMillis()) {
            throw new BadRequestException(
                    "field 'until' must be at most " + MAX_DURATION.toDays() + " days ahead");
        }
        return c;
    }
}
