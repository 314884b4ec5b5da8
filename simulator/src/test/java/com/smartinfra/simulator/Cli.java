package com.smartinfra.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs {@link SimulatorMain} in-process and captures its stdout and stderr. */
final class Cli {
    final SimulatorMain main;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    Cli() {
        main =
                new SimulatorMain(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Cli run(String... args) {
        Cli cli = new Cli();
        cli.code = cli.main.run(args, Map.of());
        return cli;
    }

    int code = -1;

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    List<String> lines() {
        String o = out();
        return o.isEmpty() ? List.of() : Arrays.asList(o.split("\n"));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
