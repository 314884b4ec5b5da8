package com.smartinfra.job.alert;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The life of one alert, as pure logic over an {@link AlertState} (no Flink, no clock): each
 * observation ("breaching" or "normal" at a time) may produce one notification.
 *
 * <ul>
 *   <li>OK → PENDING on a breach; PENDING → FIRING once breaching for {@code fireAfter} (at once
 *       when it is zero); PENDING → OK on a normal observation.
 *   <li>FIRING → OK (resolve) once normal without interruption for {@code resolveAfter}
 *       (hysteresis: one normal sample in a storm does not resolve).
 *   <li>Still firing: a REPEAT once per {@code repeatInterval}, not more.
 *   <li>Flap damping: more than {@code maxFlips} raw fire/resolve transitions within {@code
 *       flapWindow} hold the alert FIRING and mark it flapping (one FLAPPING notification, then
 *       only repeats); when the transitions in the window drop to {@code maxFlips / 2} it follows
 *       the raw state again (and resolves if that is OK).
 *   <li>Silences: a notification made while silenced is recorded but not sent; an alert that fired
 *       during a silence is announced at the first observation after the silence ended; a resolve
 *       of an alert that was never announced is not sent either.
 * </ul>
 */
public final class AlertStateMachine {
    private AlertStateMachine() {}

    /** The timing rules for one kind of cause. */
    public static final class Policy implements Serializable {
        private static final long serialVersionUID = 1L;

        final long fireAfterMs;
        final long resolveAfterMs;
        final long repeatMs;
        final long flapWindowMs;
        final int maxFlips;

        public Policy(
                long fireAfterMs,
                long resolveAfterMs,
                long repeatMs,
                long flapWindowMs,
                int maxFlips) {
            this.fireAfterMs = fireAfterMs;
            this.resolveAfterMs = resolveAfterMs;
            this.repeatMs = repeatMs;
            this.flapWindowMs = flapWindowMs;
            this.maxFlips = maxFlips;
        }

        static Policy of(AlertConfig c, String cause) {
            boolean noData = Causes.NO_DATA.equals(cause);
            return new Policy(
                    c.fireAfter(cause).toMillis(),
                    // a host that reports again is back: no hysteresis for no-data
                    noData ? 0 : c.resolveAfter.toMillis(),
                    c.repeatInterval.toMillis(),
                    c.flapWindow.toMillis(),
                    c.flapMaxFlips);
        }
    }

    /**
     * Applies one observation of this alert's cause at time {@code t} (observations of one alert
     * come in time order). {@code silenced}: nothing may be sent now (a silence, or a model alert
     * that is only a warning); an alert that fired meanwhile is announced at the first observation
     * where it may be.
     *
     * @return the notification it causes, or null
     */
    public static NotificationKind observe(
            AlertState s, boolean breaching, long t, boolean silenced, Policy p) {
        boolean flipped = false;
        if (breaching) {
            s.normalSince = -1;
            if (s.phase == AlertPhase.OK) {
                s.phase = AlertPhase.PENDING;
                s.pendingSince = t;
            }
            if (s.phase == AlertPhase.PENDING && t - s.pendingSince >= p.fireAfterMs) {
                s.phase = AlertPhase.FIRING;
                s.pendingSince = -1;
                flipped = true;
            }
        } else if (s.phase == AlertPhase.PENDING) {
            s.phase = AlertPhase.OK;
            s.pendingSince = -1;
        } else if (s.phase == AlertPhase.FIRING) {
            if (s.normalSince < 0) {
                s.normalSince = t;
            }
            if (t - s.normalSince >= p.resolveAfterMs) {
                s.phase = AlertPhase.OK;
                s.normalSince = -1;
                flipped = true;
            }
        }
        if (flipped) {
            s.flips = appendFlip(s.flips, t, p.maxFlips + 1);
        }
        int recent = flipsSince(s.flips, t - p.flapWindowMs);
        boolean wasFlapping = s.flapping;
        if (!s.flapping && recent > p.maxFlips) {
            s.flapping = true;
        } else if (s.flapping && recent <= p.maxFlips / 2) {
            s.flapping = false;
        }
        if (!s.flapping && s.flips.length > 0 && recent == 0) {
            s.flips = new long[0]; // nothing recent: forget, so idle alerts can be dropped
        }

        boolean firing = s.phase == AlertPhase.FIRING || s.flapping;
        if (firing && !s.presentedFiring) {
            s.presentedFiring = true;
            s.episodeStart = t;
            s.sequence = 0;
            s.announced = false;
            s.lastNotifiedAt = -1;
            return NotificationKind.FIRING;
        }
        if (!firing && s.presentedFiring) {
            s.presentedFiring = false;
            return NotificationKind.RESOLVED;
        }
        if (!s.presentedFiring) {
            return null;
        }
        if (s.flapping && !wasFlapping) {
            return NotificationKind.FLAPPING;
        }
        if (!s.announced && !silenced) {
            return NotificationKind.FIRING; // fired during a silence that has ended
        }
        if (t - s.lastNotifiedAt >= p.repeatMs) {
            return NotificationKind.REPEAT;
        }
        return null;
    }

    /** Records the breach details shown in the next notification. */
    static void noteBreach(AlertState s, Causes.Breach b, long t) {
        s.lastBreachAt = t;
        s.rule = b.rule;
        s.value = b.value;
        s.threshold = b.threshold;
        s.score = b.score;
        s.modelVersion = b.modelVersion;
        s.explanation = b.explanation;
    }

    /**
     * Turns a notification into an item and books it on the state (sequence, last notified,
     * announced).
     */
    public static AlertItem notify(
            String host, AlertState s, NotificationKind kind, long t, boolean silenced) {
        return notify(host, s, kind, t, silenced, false);
    }

    /**
     * As {@link #notify(String, AlertState, NotificationKind, long, boolean)}; {@code warning}: a
     * model alert that does not page (yet): recorded as a warning, not sent, not announced.
     */
    public static AlertItem notify(
            String host,
            AlertState s,
            NotificationKind kind,
            long t,
            boolean silenced,
            boolean warning) {
        AlertItem i = new AlertItem();
        i.host = host;
        i.cause = s.cause;
        i.kind = kind;
        i.severity = Causes.severityOf(s.cause);
        i.time = t;
        i.since = s.episodeStart;
        i.sequence = s.sequence++;
        i.flapping = s.flapping;
        i.rule = s.rule;
        i.value = s.value;
        i.threshold = s.threshold;
        i.score = s.score;
        i.modelVersion = s.modelVersion;
        i.explanation = s.explanation;
        if (Causes.MODEL.equals(s.cause) && !s.announced && (warning || silenced)) {
            // the model pages only when strong, persistent or backed by a rule; until then it warns
            i.severity = "warning";
        } else if (Causes.MODEL.equals(s.cause)) {
            i.severity = "critical";
        }
        if (kind == NotificationKind.RESOLVED) {
            // nobody was told it fired: telling them it resolved is noise
            i.warning = !silenced && !s.announced && warning;
            i.silenced = !i.warning && (silenced || !s.announced);
            s.announced = false;
            s.lastNotifiedAt = -1;
        } else {
            i.silenced = silenced;
            i.warning = !silenced && warning;
            s.lastNotifiedAt = t;
            if (!silenced && !warning) {
                s.announced = true;
            }
        }
        return i;
    }

    static int flipsSince(long[] flips, long from) {
        int n = 0;
        for (long f : flips) {
            if (f > from) {
                n++;
            }
        }
        return n;
    }

    /** Appends, keeping only the newest {@code keep}: enough to tell "more than maxFlips". */
    private static long[] appendFlip(long[] flips, long t, int keep) {
        long[] out = Arrays.copyOf(flips, flips.length + 1);
        out[flips.length] = t;
        return out.length > keep ? Arrays.copyOfRange(out, out.length - keep, out.length) : out;
    }
}
