package com.smartinfra.job.eval;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code --name value} options of the evaluation commands; an option may repeat. */
final class EvalArgs {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private EvalArgs() {}

    /**
     * Reads {@code args} as pairs; refuses an option outside {@code known} or without a value, with
     * {@code usage} in the message.
     */
    static EvalArgs parse(String[] args, Set<String> known, String usage) {
        EvalArgs out = new EvalArgs();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!known.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + "\n" + usage);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value\n" + usage);
            }
            out.values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
        }
        return out;
    }

    /** The last value given to {@code option}, or null. */
    String last(String option) {
        List<String> v = values.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** The last value given to {@code option} as a path, or null. */
    Path path(String option) {
        String v = last(option);
        return v == null ? null : Paths.get(v);
    }

    /** Every value given to {@code option}, in order. */
    List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }
}
