package com.smartinfra.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per value of a label ({@code reason}, {@code cause}, {@code status}), created on
 * first use under the key-value group {@code key=value}: Prometheus shows it as one metric with a
 * label. The number of values is capped (a label is a dimension, not an identifier): past {@link
 * #MAX_VALUES} they count under {@value #OTHER}.
 *
 * <p>Used by one task thread, like the operator it belongs to.
 */
public final class LabelledCounters {
    static final int MAX_VALUES = 32;
    static final String OTHER = "other";

    private final MetricGroup group;
    private final String key;
    private final String name;
    private final Map<String, Counter> counters = new HashMap<>();

    /**
     * @param group the operator's metric group
     * @param key the label, e.g. {@code reason}
     * @param name the counter's name, e.g. {@code deadLetters}
     */
    public LabelledCounters(MetricGroup group, String key, String name) {
        this.group = group;
        this.key = key;
        this.name = name;
    }

    public void inc(String value) {
        inc(value, 1);
    }

    public void inc(String value, long n) {
        Counter c = counters.get(value);
        if (c == null) {
            String v = counters.size() < MAX_VALUES ? value : OTHER;
            c = counters.computeIfAbsent(v, x -> group.addGroup(key, x).counter(name));
            counters.put(value, c);
        }
        c.inc(n);
    }
}
