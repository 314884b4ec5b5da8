package com.smartinfra.job.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a failed write means, by InfluxDB's answer; none of them fails the job. */
enum WriteFailure {
    /**
     * InfluxDB refuses points of the batch for good: a bad line or a field type conflict (400),
     * points beyond the bucket's retention (1.x: 400 "partial write", 2.x: 422), a body too large
     * (413). Writing the same points again gets the same answer: isolate them and dead-letter them.
     */
    REFUSED_POINTS,
    /** No answer, a timeout, throttling or a server error: InfluxDB may answer later; retry. */
    TRANSIENT,
    /**
     * The token is refused (401, 403), the bucket or org does not exist (404), or another 4xx that
     * says the request, not a point, is wrong: nothing can be written until someone fixes it.
     */
    CONFIGURATION;

    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");

    /**
     * {@code status} 0 means no HTTP answer at all. A server error that says "partial write" is a
     * refusal too: InfluxDB 2.0 answered points beyond retention with 500 before 2.x settled on
     * 422.
     */
    static WriteFailure of(int status, String answer) {
        if (status == 400 || status == 413 || status == 422) {
            return REFUSED_POINTS;
        }
        if (status >= 500 && answer != null && answer.contains("partial write:")) {
            return REFUSED_POINTS;
        }
        if (status == 0 || status == 408 || status == 429 || status >= 500 || status < 400) {
            return TRANSIENT;
        }
        return CONFIGURATION;
    }

    /**
     * Whether InfluxDB's answer says it dropped every one of {@code points} ("partial write: ...
     * dropped=N"), so that there is nothing to isolate.
     */
    static boolean droppedAll(String answer, int points) {
        Matcher m = DROPPED.matcher(answer);
        return m.find() && m.group(1).equals(Integer.toString(points));
    }
}
