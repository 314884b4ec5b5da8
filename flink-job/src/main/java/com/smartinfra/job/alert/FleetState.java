package com.smartinfra.job.alert;

/**
 * What the fleet stage ({@link FleetIncidents}) remembers between two calls: host messages not yet
 * reached by event time, held first pages, recent pages that went out alone, and the open fleet
 * incidents. Every time in it is event time. A Flink POJO, in the keyed state of the single-key
 * fleet operator; arrays rather than collections, so Flink serializes it as a POJO without falling
 * back to Kryo.
 */
public final class FleetState {
    /** The event time the stage has decided up to. */
    public long clock = Long.MIN_VALUE;

    /**
     * Host messages ahead of {@link #clock}, in event-time order (decidedAt, host, id): taken when
     * event time gets there, in that order whatever order they arrived in.
     */
    public Notification[] arrived = new Notification[0];

    /** Host messages held until the fleet decision, in the order they were taken. */
    public Held[] held = new Held[0];

    /** Hosts that paged alone within the window: they count towards a fleet incident. */
    public Recent[] recent = new Recent[0];

    /** Open fleet incidents, oldest first. */
    public Incident[] open = new Incident[0];

    public FleetState() {}

    /** A host message waiting for the fleet decision. */
    public static final class Held {
        /** When the host's first held message was taken (event time): it is decided at +wait. */
        public long heldAt;

        public Notification notification;

        public Held() {}
    }

    /** A host whose first page went out alone. */
    public static final class Recent {
        public String host;

        /** When its page was taken by the fleet stage (event time). */
        public long at;

        /** Its firing notifications as sent, for the fleet message that may follow. */
        public AlertItem[] items = new AlertItem[0];

        public Recent() {}
    }

    /** One open fleet incident. */
    public static final class Incident {
        /** {@code fleet-} and a hash of its first host and first page ({@link FleetMessages}). */
        public String id;

        /** Its fleet messages so far: the n of the next one's id {@code id#n}. */
        public int messages;

        /** When it was opened, and when a member host last sent something (event time). */
        public long openedAt;

        public long lastActivity;

        /** Member hosts, in the order they joined. */
        public String[] hosts = new String[0];

        /** Ids of the member alerts still firing; the incident resolves when none is left. */
        public String[] firing = new String[0];

        /** New firing notifications for the next update message, due at {@link #updateDueAt}. */
        public AlertItem[] update = new AlertItem[0];

        public long updateDueAt = -1;

        /** Repeats and resolves of members, carried by the next fleet message. */
        public AlertItem[] carry = new AlertItem[0];

        public Incident() {}
    }
}
