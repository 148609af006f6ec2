package dev.telemetry.connect.bench.transforms;

import dev.telemetry.connect.transforms.ClassifyEvent;
import dev.telemetry.connect.transforms.InsertProcessedTimestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.InsertField;
import org.apache.kafka.connect.transforms.Transformation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Per-record cost of Kafka's InsertField$Value (timestamp.field) next to this bundle's transforms, on the same
 * records, with the bundle's plugin metrics on and off: each invocation transforms the whole batch, so the figure is
 * nanoseconds per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransformBenchmark {

    static final int BATCH = 600;

    /**
     * {@code on}: the bundle's transforms get plugin metrics as a Kafka 4.1+ worker hands them, Kafka's own {@link
     * PluginMetricsImpl} over a real {@link Metrics} registry; {@code off}: none, as on an older worker. Kafka's
     * InsertField has no metrics either way: its two figures show the noise between the runs.
     */
    @Param({"off", "on"})
    public String metrics;

    private Metrics registry;

    private List<SourceRecord> records;
    private Transformation<SourceRecord> insertField;
    private Transformation<SourceRecord> insertProcessedTimestamp;
    private Transformation<SourceRecord> insertProcessedTimestampWithLatency;
    private Transformation<SourceRecord> classifyValue;
    private Transformation<SourceRecord> classifyHeader;

    /** Ten rules over the six streams: the shipped rule set plus four more of the same kinds. */
    static Map<String, String> tenRules() {
        Map<String, String> props = new HashMap<>();
        props.put(
                "rules",
                "error_log,warning_log,slow_api,slow_queries,purchase,big_cart,traffic_spike,"
                        + "few_active_users,timeout_message,registration");
        rule(props, "error_log", "level == 'ERROR'", "critical", "alert");
        rule(props, "warning_log", "level == 'WARNING'", "warning", "alert");
        rule(props, "slow_api", "response_time > 1000", "warning", "performance");
        rule(props, "slow_queries", "queries > 0 && slow_queries / queries > 0.01", "warning", "performance");
        rule(props, "purchase", "event_type == 'purchase'", "info", "revenue");
        rule(props, "big_cart", "event_type == 'add_to_cart' && amount > 500", "info", "revenue");
        rule(props, "traffic_spike", "page_views > 9900", "warning", "traffic");
        rule(props, "few_active_users", "active_users < 60", "warning", "engagement");
        rule(props, "timeout_message", "message.matches('(?i)timeout|refused')", "warning", "alert");
        rule(props, "registration", "event_type in ['user_registration', 'user_login']", "info", "engagement");
        props.put("default.severity", "info");
        props.put("default.category", "telemetry");
        return props;
    }

    static Map<String, String> stamp() {
        return Map.of("processed.time.field", "processed_at", "format", "timestamp");
    }

    static Map<String, String> stampWithLatency() {
        return Map.of(
                "processed.time.field",
                "processed_at",
                "format",
                "timestamp",
                "latency.field",
                "latency_ms",
                "event.time.field",
                "timestamp");
    }

    private static void rule(
            Map<String, String> props, String name, String condition, String severity, String category) {
        props.put("rules." + name + ".condition", condition);
        props.put("rules." + name + ".severity", severity);
        props.put("rules." + name + ".category", category);
    }

    @Setup(Level.Trial)
    public void setUp() {
        records = BenchmarkRecords.create(BATCH, 42L);
        insertField = configure(new InsertField.Value<>(), Map.of("timestamp.field", "processed_at"));
        insertProcessedTimestamp = configure(new InsertProcessedTimestamp.Value<>(), stamp());
        insertProcessedTimestampWithLatency = configure(new InsertProcessedTimestamp.Value<>(), stampWithLatency());
        classifyValue = configure(new ClassifyEvent.Value<>(), tenRules());
        classifyHeader = configure(new ClassifyEvent.Header<>(), tenRules());
        if (metrics.equals("on")) {
            registry = new Metrics();
            withPluginMetrics(insertProcessedTimestamp, "stamp");
            withPluginMetrics(insertProcessedTimestampWithLatency, "stampWithLatency");
            withPluginMetrics(classifyValue, "classify");
            withPluginMetrics(classifyHeader, "classifyHeader");
        }
        // Warm every schema cache before measuring.
        for (SourceRecord r : records) {
            insertField.apply(r);
            insertProcessedTimestamp.apply(r);
            insertProcessedTimestampWithLatency.apply(r);
            classifyValue.apply(r);
            classifyHeader.apply(r);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (registry != null) {
            registry.close();
        }
    }

    /** What a worker does after configuring a transformation that is {@link Monitorable}. */
    private void withPluginMetrics(Transformation<SourceRecord> transform, String alias) {
        ((Monitorable) transform)
                .withPluginMetrics(new PluginMetricsImpl(
                        registry, Map.of("connector", "bench", "task", "0", "transformation", alias)));
    }

    private static Transformation<SourceRecord> configure(Transformation<SourceRecord> t, Map<String, ?> props) {
        t.configure(props);
        return t;
    }

    private void run(Transformation<SourceRecord> transform, Blackhole blackhole) {
        for (int i = 0; i < BATCH; i++) {
            blackhole.consume(transform.apply(records.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void kafkaInsertFieldTimestamp(Blackhole blackhole) {
        run(insertField, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void insertProcessedTimestamp(Blackhole blackhole) {
        run(insertProcessedTimestamp, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void insertProcessedTimestampWithLatency(Blackhole blackhole) {
        run(insertProcessedTimestampWithLatency, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void classifyEventValue10Rules(Blackhole blackhole) {
        run(classifyValue, blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void classifyEventHeader10Rules(Blackhole blackhole) {
        run(classifyHeader, blackhole);
    }
}
