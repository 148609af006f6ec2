package dev.telemetry.connect.bench.transforms;

import dev.telemetry.connect.transforms.ClassifyEvent;
import dev.telemetry.connect.transforms.InsertProcessedTimestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.InsertField;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * The cost of the plugin metrics per record on a loaded machine, where {@link TransformBenchmark}'s one-second JMH
 * iterations of "off" and "on", run minutes apart, see different loads. Here one JVM holds each transform twice, without
 * metrics and with Kafka's {@link PluginMetricsImpl} over a real {@link Metrics} registry, and transforms the same batch
 * of {@value TransformBenchmark#BATCH} records with each in turn, alternating which goes first, {@code rounds} times
 * after as many warm-up rounds. A batch takes a fraction of a millisecond, so many of them run undisturbed: the table
 * gives each side's fastest batch and its median per record, and their ratios. Kafka's InsertField, which has no
 * metrics, runs the same way twice: its ratios show what the method itself reads into a difference. Argument:
 * {@code rounds} (default 3000).
 */
public final class TransformMetricsCost {

    /** Keeps the results alive, so the JIT cannot drop the work. */
    private static volatile SourceRecord sink;

    private TransformMetricsCost() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<SourceRecord> records = BenchmarkRecords.create(TransformBenchmark.BATCH, 42L);
        Map<String, Supplier<Transformation<SourceRecord>>> transforms = new LinkedHashMap<>();
        transforms.put(
                "kafkaInsertFieldTimestamp",
                () -> configure(new InsertField.Value<>(), Map.of("timestamp.field", "processed_at")));
        transforms.put(
                "insertProcessedTimestamp",
                () -> configure(new InsertProcessedTimestamp.Value<>(), TransformBenchmark.stamp()));
        transforms.put(
                "insertProcessedTimestampWithLatency",
                () -> configure(new InsertProcessedTimestamp.Value<>(), TransformBenchmark.stampWithLatency()));
        transforms.put(
                "classifyEventValue10Rules",
                () -> configure(new ClassifyEvent.Value<>(), TransformBenchmark.tenRules()));
        transforms.put(
                "classifyEventHeader10Rules",
                () -> configure(new ClassifyEvent.Header<>(), TransformBenchmark.tenRules()));

        System.out.printf(
                "Plugin metrics off and on, %d records a batch, %d rounds taking turns after %d warm-up rounds%n",
                TransformBenchmark.BATCH, rounds, rounds);
        System.out.printf(
                "%-38s %10s %10s %8s %12s %12s %8s%n",
                "transform", "off min", "on min", "on/off", "off median", "on median", "on/off");
        try (Metrics registry = new Metrics()) {
            for (Map.Entry<String, Supplier<Transformation<SourceRecord>>> e : transforms.entrySet()) {
                Transformation<SourceRecord> off = e.getValue().get();
                Transformation<SourceRecord> on = e.getValue().get();
                if (on instanceof Monitorable monitorable) {
                    monitorable.withPluginMetrics(new PluginMetricsImpl(
                            registry, Map.of("connector", "bench", "task", "0", "transformation", e.getKey())));
                }
                alternate(off, on, records, rounds);
                long[][] nanos = alternate(off, on, records, rounds);
                long[] offNanos = nanos[0];
                long[] onNanos = nanos[1];
                Arrays.sort(offNanos);
                Arrays.sort(onNanos);
                double offMin = perRecord(offNanos[0]);
                double onMin = perRecord(onNanos[0]);
                double offMedian = perRecord(offNanos[rounds / 2]);
                double onMedian = perRecord(onNanos[rounds / 2]);
                System.out.printf(
                        "%-38s %8.1f ns %8.1f ns %7.3fx %9.1f ns %9.1f ns %7.3fx%n",
                        e.getKey(), offMin, onMin, onMin / offMin, offMedian, onMedian, onMedian / offMedian);
                off.close();
                on.close();
            }
        }
    }

    /** The nanoseconds of each round's batch, without metrics and with, the two taking turns at going first. */
    private static long[][] alternate(
            Transformation<SourceRecord> off, Transformation<SourceRecord> on, List<SourceRecord> records, int rounds) {
        long[] offNanos = new long[rounds];
        long[] onNanos = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            if (round % 2 == 0) {
                offNanos[round] = batch(off, records);
                onNanos[round] = batch(on, records);
            } else {
                onNanos[round] = batch(on, records);
                offNanos[round] = batch(off, records);
            }
        }
        return new long[][] {offNanos, onNanos};
    }

    private static long batch(Transformation<SourceRecord> transform, List<SourceRecord> records) {
        SourceRecord last = null;
        long start = System.nanoTime();
        for (SourceRecord record : records) {
            last = transform.apply(record);
        }
        long nanos = System.nanoTime() - start;
        sink = last;
        return nanos;
    }

    private static double perRecord(long batchNanos) {
        return (double) batchNanos / TransformBenchmark.BATCH;
    }

    private static Transformation<SourceRecord> configure(Transformation<SourceRecord> t, Map<String, ?> props) {
        t.configure(props);
        return t;
    }
}
