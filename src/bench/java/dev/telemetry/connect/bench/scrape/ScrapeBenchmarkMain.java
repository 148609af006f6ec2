package dev.telemetry.connect.bench.scrape;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ScrapeBenchmark} and prints microseconds per body, samples per second and the ratio to splitting the
 * same body into lines. Arguments override: {@code forks warmupIterations measurementIterations}.
 */
public final class ScrapeBenchmarkMain {

    /** Samples in the node_exporter fixture, for the samples/s figure. */
    private static final int NODE_SAMPLES = new dev.telemetry.connect.source.scrape.ExpositionParser(
                    dev.telemetry.connect.source.scrape.ExpositionFormat.TEXT)
            .parse(ScrapeBenchmark.fixture("node-exporter-1.5.txt"))
            .samples()
            .size();

    private ScrapeBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Options options = new OptionsBuilder()
                .include(ScrapeBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double baseline = results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("splitLinesBaseline"))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst()
                .orElse(Double.NaN);
        System.out.println();
        System.out.printf(
                "Cost per scrape body (node_exporter: %d samples), %d fork(s) x %d x 1 s%n",
                NODE_SAMPLES, forks, iterations);
        System.out.printf("%-30s %12s %10s %14s %8s%n", "benchmark", "us/body", "+-99.9%", "samples/s", "ratio");
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double micros = result.getPrimaryResult().getScore();
            String rate = name.toLowerCase(java.util.Locale.ROOT).contains("node")
                    ? String.format("%,.0f", NODE_SAMPLES / (micros / 1e6))
                    : "";
            System.out.printf(
                    "%-30s %12.1f %10.1f %14s %7.1fx%n",
                    name, micros, result.getPrimaryResult().getScoreError(), rate, micros / baseline);
        }
    }
}
