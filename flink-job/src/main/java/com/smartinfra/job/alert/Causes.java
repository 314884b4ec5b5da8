package com.smartinfra.job.alert;

import com.smartinfra.job.detect.Anomaly;
import java.util.ArrayList;
import java.util.List;

/**
 * What an alert is about. One alert exists per (host, cause): a threshold rule is named by its
 * metric ({@code cpu}, {@code memory}, {@code disk}, or any other rule metric), the isolation
 * forest is {@value #MODEL}, and a host that stopped reporting is {@value #NO_DATA}.
 */
public final class Causes {
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String DISK = "disk";
    public static final String MODEL = Anomaly.MODEL;
    public static final String NO_DATA = "nodata";

    private static final int MAX_CAUSE_LENGTH = 64;

    private Causes() {}

    /** True for {@value #MODEL} and {@value #NO_DATA}; false for threshold rules. */
    static boolean isRule(String cause) {
        return !MODEL.equals(cause) && !NO_DATA.equals(cause);
    }

    /** Severity shown in messages: a rule breach or a silent host is critical, the model warns. */
    static String severityOf(String cause) {
        return MODEL.equals(cause) ? "warning" : "critical";
    }

    /**
     * Splits an anomaly into one breach per cause: {@code cpu>85,disk>95} is a CPU and a disk
     * breach, {@code model} a model breach.
     */
    static List<Breach> breachesOf(Signal a) {
        List<Breach> out = new ArrayList<>(2);
        String reason = a.reason == null || a.reason.isBlank() ? MODEL : a.reason;
        for (String part : reason.split(",")) {
            String rule = part.strip();
            if (rule.isEmpty()) {
                continue;
            }
            Breach b = new Breach();
            b.rule = rule;
            b.explanation = a.explanation;
            b.modelVersion = a.modelVersion;
            b.score = a.score;
            if (rule.equals(MODEL)) {
                b.cause = MODEL;
                b.value = a.score;
                b.threshold = a.threshold;
                b.severity = a.severity;
            } else {
                int op = operatorIndex(rule);
                String metric = op > 0 ? rule.substring(0, op) : rule;
                b.cause = sanitize(metric);
                b.threshold = op > 0 ? limitOf(rule.substring(op), a.threshold) : a.threshold;
                b.value = valueOf(b.cause, a);
            }
            out.add(b);
        }
        return out;
    }

    private static double valueOf(String cause, Signal a) {
        switch (cause) {
            case CPU:
                return a.cpu;
            case MEMORY:
                return a.memory;
            case DISK:
                return a.disk;
            default:
                return a.score;
        }
    }

    private static int operatorIndex(String rule) {
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '>' || c == '<' || c == '=') {
                return i;
            }
        }
        return -1;
    }

    private static double limitOf(String operatorAndLimit, double fallback) {
        int i = 0;
        while (i < operatorAndLimit.length() && "<>=".indexOf(operatorAndLimit.charAt(i)) >= 0) {
            i++;
        }
        try {
            return Double.parseDouble(operatorAndLimit.substring(i));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Cause names end up as an InfluxDB tag and in URLs: keep them to a safe charset. */
    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_CAUSE_LENGTH));
        for (int i = 0; i < s.length() && b.length() < MAX_CAUSE_LENGTH; i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '_'
                            || c == '-'
                            || c == '.';
            b.append(ok ? c : '_');
        }
        return b.length() == 0 ? "unknown" : b.toString();
    }

    /** One cause's part of an anomaly. */
    static final class Breach {
        String cause;
        String rule;
        double value;
        double threshold;
        double score;

        /** The model's severity, NaN for a rule or when unknown. */
        double severity = Double.NaN;

        String explanation;
        int modelVersion;
    }
}
