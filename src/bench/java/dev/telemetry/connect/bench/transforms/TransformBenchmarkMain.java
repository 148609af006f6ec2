package dev.telemetry.connect.bench.transforms;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link TransformBenchmark} and prints nanoseconds per record with the bundle's plugin metrics off and on,
 * their ratio (the cost of the metrics, goal at most 1.05x), and each transform's ratio with metrics on to Kafka's
 * InsertField$Value, measured side by side in one run. Budgets: InsertProcessedTimestamp at most 1.2x,
 * ClassifyEvent$Value with 10 rules at most 4x.
 *
 * <p>Deliberately short so a full run stays well under five minutes: 2 forks, 3 x 1 s warm-up and 5 x 1 s
 * measurement iterations per benchmark. Arguments override: {@code forks warmupIterations measurementIterations}.
 */
public final class TransformBenchmarkMain {

    private static final Map<String, Double> BUDGETS = Map.of(
            "insertProcessedTimestamp", 1.2,
            "classifyEventValue10Rules", 4.0);

    private TransformBenchmarkMain() {}

    public static void main(String[] args) throws RunnerException {
        int forks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Options options = new OptionsBuilder()
                .include(TransformBenchmark.class.getName() + "\\.")
                .forks(forks)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        // Benchmark name -> metrics param ("off", "on") -> score and error.
        Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            scores.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .put(result.getParams().getParam("metrics"), new double[] {
                        result.getPrimaryResult().getScore(),
                        result.getPrimaryResult().getScoreError()
                    });
        }
        double baseline = scores.get("kafkaInsertFieldTimestamp").get("off")[0];
        System.out.println();
        System.out.printf(
                "Per-record cost, %d fork(s) x %d x 1 s measurement, %d records per invocation "
                        + "(six telemetry streams in turn); plugin metrics off and on (Kafka's PluginMetricsImpl)%n",
                forks, iterations, TransformBenchmark.BATCH);
        System.out.printf(
                "%-38s %10s %8s %10s %8s %8s %8s %8s %s%n",
                "transform", "off ns", "+-99.9%", "on ns", "+-99.9%", "on/off", "ratio", "budget", "verdict");
        for (Map.Entry<String, Map<String, double[]>> e : scores.entrySet()) {
            double[] off = e.getValue().get("off");
            double[] on = e.getValue().get("on");
            double ratio = on[0] / baseline;
            Double budget = BUDGETS.get(e.getKey());
            System.out.printf(
                    "%-38s %10.1f %8.1f %10.1f %8.1f %7.3fx %7.2fx %8s %s%n",
                    e.getKey(),
                    off[0],
                    off[1],
                    on[0],
                    on[1],
                    on[0] / off[0],
                    ratio,
                    budget == null ? "-" : String.format("%.1fx", budget),
                    budget == null ? "" : ratio <= budget ? "within budget" : "OVER BUDGET");
        }
        System.out.println("ratio: with metrics on, to Kafka's InsertField$Value (which has none) off.");
    }
}
