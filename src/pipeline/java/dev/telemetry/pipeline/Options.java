package dev.telemetry.pipeline;

import java.nio.file.Path;
import java.util.List;

/**
 * The runner's command line: {@code --duration}, {@code --rate}, {@code --seed}, {@code --secure} plus the paths
 * bin/run-pipeline passes.
 */
record Options(Path repo, Path kafkaClasspathFile, long durationSeconds, int ratePerSecond, long seed, boolean secure) {

    static final String USAGE = """
            usage: bin/run-pipeline [--duration SECONDS] [--rate EVENTS_PER_SECOND] [--seed N] [--secure]
              --duration  stop after this many seconds (default: run until Ctrl-C)
              --rate      total events per second over all six streams (default 300)
              --seed      generator seed (default 42)
              --secure    on the secure deployment of config/secure: SASL_SSL, ACLs, a principal per connector,
                          HTTPS REST API with basic auth (docs/security.md)""";

    static Options parse(List<String> args) {
        Path repo = null;
        Path classpathFile = null;
        long duration = 0;
        int rate = 300;
        long seed = 42;
        boolean secure = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (arg.equals("--secure")) {
                secure = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("Missing value after " + arg + "\n" + USAGE);
            }
            String value = args.get(++i);
            switch (arg) {
                case "--repo" -> repo = Path.of(value).toAbsolutePath().normalize();
                case "--kafka-classpath-file" -> classpathFile = Path.of(value).toAbsolutePath().normalize();
                case "--duration" -> duration = parseNonNegative(arg, value);
                case "--rate" -> rate = (int) parseNonNegative(arg, value);
                case "--seed" -> seed = parseLong(arg, value);
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        if (repo == null || classpathFile == null) {
            throw new IllegalArgumentException("--repo and --kafka-classpath-file are set by bin/run-pipeline; run that.");
        }
        return new Options(repo, classpathFile, duration, rate, seed, secure);
    }

    private static long parseNonNegative(String option, String value) {
        long parsed = parseLong(option, value);
        if (parsed < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
        }
        return parsed;
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + value + "'");
        }
    }
}
