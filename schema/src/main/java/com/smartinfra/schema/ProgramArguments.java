package com.smartinfra.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits program arguments into options: {@code --name value}, {@code --name=value}, and flags
 * ({@code --name} alone, for the names {@code isFlag} accepts). The one reader of command lines of
 * the project (job, evaluation tools, simulator, API); each caller checks names and values itself.
 */
public final class ProgramArguments {

    /** One option as given: {@code name} with its dashes; {@code value} null for a flag. */
    public record Option(String name, String value, boolean inline) {}

    /** What is wrong with an argument, for callers that say it in their own words. */
    public enum Problem {
        NOT_AN_OPTION,
        UNKNOWN,
        NO_VALUE,
        VALUE_FOR_A_FLAG
    }

    /** A program argument that cannot be read; the message names it. */
    public static final class BadArgumentException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public final Problem problem;

        /** The argument, or the option's name with its dashes. */
        public final String argument;

        BadArgumentException(Problem problem, String argument, String message) {
            super(message);
            this.problem = problem;
            this.argument = argument;
        }
    }

    private ProgramArguments() {}

    /**
     * @param isKnown the option names the program takes (checked first: an unknown name is named as
     *     such, not as missing its value)
     * @param isFlag the names among them that take no value
     * @throws BadArgumentException for an argument that is not an option, an unknown name, a flag
     *     given a value or an option without one; the message names the argument
     */
    public static List<Option> parse(
            String[] args, Predicate<String> isKnown, Predicate<String> isFlag) {
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2 || arg.startsWith("--=")) {
                throw new BadArgumentException(
                        Problem.NOT_AN_OPTION, arg, "unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!isKnown.test(name)) {
                throw new BadArgumentException(
                        Problem.UNKNOWN, name, "unknown option '" + name + "'");
            }
            if (isFlag.test(name)) {
                if (eq >= 0) {
                    throw new BadArgumentException(
                            Problem.VALUE_FOR_A_FLAG, name, "option " + name + " takes no value");
                }
                out.add(new Option(name, null, false));
            } else if (eq >= 0) {
                out.add(new Option(name, arg.substring(eq + 1), true));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.add(new Option(name, args[++i], false));
            } else {
                throw new BadArgumentException(
                        Problem.NO_VALUE, name, "option " + name + " needs a value");
            }
        }
        return out;
    }
}
