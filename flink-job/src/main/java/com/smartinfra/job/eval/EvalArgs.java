package com.smartinfra.job.eval;

import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.schema.ProgramArguments;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} (or {@code --name=value}) options of the evaluation and benchmark
 * commands, read with the project's {@link ProgramArguments}; an option may repeat.
 */
public final class EvalArgs {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private EvalArgs() {}

    /**
     * Reads {@code args} as pairs; refuses an option outside {@code known} or without a value, with
     * {@code usage} in the message.
     */
    public static EvalArgs parse(String[] args, Set<String> known, String usage) {
        EvalArgs out = new EvalArgs();
        List<ProgramArguments.Option> options;
        try {
            options = ProgramArguments.parse(args, known::contains, name -> false);
        } catch (ProgramArguments.BadArgumentException e) {
            throw new IllegalArgumentException(
                    (e.problem == ProgramArguments.Problem.NO_VALUE
                                    ? "option " + e.argument + " needs a value"
                                    : "unknown option " + e.argument)
                            + "\n"
                            + usage);
        }
        for (ProgramArguments.Option o : options) {
            out.values.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o.value());
        }
        return out;
    }

    /** The last value given to {@code option}, or null. */
    public String last(String option) {
        List<String> v = values.get(option);
        return v == null ? null : v.get(v.size() - 1);
    }

    /** The last value given to {@code option}, or {@code fallback}. */
    public String last(String option, String fallback) {
        String v = last(option);
        return v == null ? fallback : v;
    }

    /** The last value given to {@code option} as a path, or null. */
    Path path(String option) {
        String v = last(option);
        return v == null ? null : Paths.get(v);
    }

    /** Applies every {@code --set name=value}, in order, to {@code b}; returns {@code b}. */
    public DetectorConfig.Builder applySettings(DetectorConfig.Builder b) {
        return applySettings(b, null);
    }

    /**
     * Applies every {@code --set name=value} whose name does not start with {@code otherPrefix}
     * (null: every one), in order, to {@code b}; returns {@code b}.
     */
    DetectorConfig.Builder applySettings(DetectorConfig.Builder b, String otherPrefix) {
        for (String assignment : all("--set")) {
            if (otherPrefix == null || !name(assignment).startsWith(otherPrefix)) {
                apply(b, assignment);
            }
        }
        return b;
    }

    /**
     * The {@code --set name=value} assignments whose name starts with {@code prefix}, as a map (a
     * later one of the same name wins).
     */
    Map<String, String> settings(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String assignment : all("--set")) {
            String name = name(assignment);
            if (name.startsWith(prefix)) {
                out.put(name, value(assignment));
            }
        }
        return out;
    }

    /**
     * Every {@code --set name=value}, in order, as job arguments ({@code --name value}): how the
     * benchmarks pass job settings through to {@code JobConfig.fromArgs}.
     */
    public List<String> settingsAsJobArgs() {
        List<String> out = new ArrayList<>();
        for (String assignment : all("--set")) {
            out.add("--" + name(assignment));
            out.add(value(assignment));
        }
        return out;
    }

    private static String name(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set needs name=value, got '" + assignment + "'");
        }
        return assignment.substring(0, eq).trim();
    }

    /**
     * What follows the first {@code =} of an assignment, trimmed (after {@link #name} checked it).
     */
    private static String value(String assignment) {
        return assignment.substring(assignment.indexOf('=') + 1).trim();
    }

    /** Applies {@code name=value} to a setting of the builder. */
    private static void apply(DetectorConfig.Builder b, String assignment) {
        String name = name(assignment);
        String v = value(assignment);
        try {
            switch (name) {
                case "deltaFeatures":
                    b.deltaFeatures(Boolean.parseBoolean(v));
                    break;
                case "rollingWindow":
                    b.rollingWindow(Integer.parseInt(v));
                    break;
                case "shingle":
                    b.shingle(Integer.parseInt(v));
                    break;
                case "minTrainingSamples":
                    b.minTrainingSamples(Integer.parseInt(v));
                    break;
                case "trainingSize":
                    b.trainingSize(Integer.parseInt(v));
                    break;
                case "retrainEverySamples":
                    b.retrainEverySamples(Integer.parseInt(v));
                    break;
                case "trees":
                    b.trees(Integer.parseInt(v));
                    break;
                case "subsample":
                    b.subsample(Integer.parseInt(v));
                    break;
                case "extensionLevel":
                    b.extensionLevel(Integer.parseInt(v));
                    break;
                case "contamination":
                    b.contamination(Double.parseDouble(v));
                    break;
                case "driftWindow":
                    b.driftWindow(Integer.parseInt(v));
                    break;
                case "driftSigmas":
                    b.driftSigmas(Double.parseDouble(v));
                    break;
                case "regimeChangeFraction":
                    b.regimeChangeFraction(Double.parseDouble(v));
                    break;
                case "cooldownSamples":
                    b.cooldownSamples(Integer.parseInt(v));
                    break;
                case "recurrenceEpisodes":
                    b.recurrenceEpisodes(Integer.parseInt(v));
                    break;
                case "seasonPeriod":
                    b.seasonPeriod(Integer.parseInt(v));
                    break;
                case "seed":
                    b.seed(Long.parseLong(v));
                    break;
                default:
                    throw new IllegalArgumentException("--set: unknown setting '" + name + "'");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--set " + name + ": '" + v + "' is not a number", e);
        }
    }

    /** Every value given to {@code option}, in order. */
    public List<String> all(String option) {
        return values.getOrDefault(option, List.of());
    }
}
