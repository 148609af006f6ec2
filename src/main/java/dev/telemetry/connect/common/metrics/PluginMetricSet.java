package dev.telemetry.connect.common.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's metrics in the worker's registry (KIP-877), registered once per stream, file, target or rule so that
 * recording allocates nothing. On a worker older than Kafka 4.1 there is no registry: the set is then empty, every
 * registration hands back a counter, level or distribution that nobody reads, and the plugin runs as before.
 */
public final class PluginMetricSet {

    private static final Logger log = LoggerFactory.getLogger(PluginMetricSet.class);

    /** 1,000 buckets, linearly wider: fine at the low end, where latencies normally are. */
    private static final int PERCENTILE_BYTES = 4000;

    private static final PluginMetricSet NONE = new PluginMetricSet(null);

    private final PluginMetrics metrics;
    private final Map<String, List<MetricName>> metricsByKey = new LinkedHashMap<>();
    private final Map<String, String> sensorsByKey = new LinkedHashMap<>();

    private PluginMetricSet(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** The metrics of a source task, from its context; none on a worker older than Kafka 4.1 (below). */
    public static PluginMetricSet of(SourceTaskContext context) {
        return of(() -> context.pluginMetrics());
    }

    /** The metrics of a sink task, from its context; none on a worker older than Kafka 4.1 (below). */
    public static PluginMetricSet of(SinkTaskContext context) {
        return of(() -> context.pluginMetrics());
    }

    /**
     * A worker before Kafka 4.1 lacks {@code pluginMetrics()} ({@link NoSuchMethodError}) or the class
     * ({@link NoClassDefFoundError}), as Kafka's javadoc warns; a test context may return null. Either way the plugin
     * runs without metrics. The suppliers above are lambdas, never {@code context::pluginMetrics}: a method reference
     * links the method where it is written, so on such a worker it throws there, outside this catch, and the task fails
     * to start (Kafka39WorkerIT, on Kafka 3.9).
     */
    private static PluginMetricSet of(Supplier<PluginMetrics> source) {
        try {
            return of(source.get());
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            log.info(
                    "This worker has no plugin metrics (Kafka 4.1 or later has them); running without: {}",
                    e.toString());
            return NONE;
        }
    }

    /** The metrics a transformation or predicate is handed in {@code withPluginMetrics}; null for none. */
    public static PluginMetricSet of(PluginMetrics metrics) {
        return metrics == null ? NONE : new PluginMetricSet(metrics);
    }

    /** No metrics: what a plugin holds until the worker hands it some. */
    public static PluginMetricSet none() {
        return NONE;
    }

    /** Whether anything is registered at all. */
    public boolean enabled() {
        return metrics != null;
    }

    /** A {@link MetricDefinition.Kind#COUNTER} with the given values of its tags, in the definition's order. */
    public Counter counter(MetricDefinition definition, String... tagValues) {
        Counter counter = new Counter();
        gauge(definition, MetricDefinition.Kind.COUNTER, counter::count, tagValues);
        return counter;
    }

    /**
     * A {@link MetricDefinition.Kind#COUNTER} over a count the plugin keeps anyway (a field it logs, say). The
     * supplier runs on the reporter's thread: it may read only what is safe to read from there, such as a field
     * written by one thread.
     */
    public void counter(MetricDefinition definition, LongSupplier count, String... tagValues) {
        gauge(definition, MetricDefinition.Kind.COUNTER, count::getAsLong, tagValues);
    }

    /** A {@link MetricDefinition.Kind#GAUGE} whose value the plugin sets. */
    public Level level(MetricDefinition definition, String... tagValues) {
        Level level = new Level();
        gauge(definition, MetricDefinition.Kind.GAUGE, level::value, tagValues);
        return level;
    }

    /**
     * A {@link MetricDefinition.Kind#GAUGE} computed when read. The supplier runs on the reporter's thread: it may read
     * only what is safe to read from there.
     */
    public void gauge(MetricDefinition definition, DoubleSupplier value, String... tagValues) {
        gauge(definition, MetricDefinition.Kind.GAUGE, value, tagValues);
    }

    private void gauge(
            MetricDefinition definition, MetricDefinition.Kind kind, DoubleSupplier value, String... tagValues) {
        requireKind(definition, kind);
        if (metrics == null) {
            return;
        }
        MetricName name = name(definition, definition.attributes().get(0), tagValues);
        try {
            metrics.addMetric(name, (Measurable) (config, now) -> value.getAsDouble());
        } catch (IllegalArgumentException e) {
            // A task restarted while its earlier instance has not stopped yet (Connect gives up waiting after
            // task.shutdown.graceful.timeout.ms) finds that instance's metric still there: metrics must never stop
            // the records, so this instance counts without showing it until the next start.
            log.warn(
                    "{} {} is still registered by an earlier instance of this plugin that has not stopped; this "
                            + "instance runs without it: {}",
                    name.name(),
                    name.tags(),
                    e.getMessage());
            return;
        }
        metricsByKey.put(key(definition, tagValues), List.of(name));
    }

    /**
     * A {@link MetricDefinition.Kind#METER}: record the number of things done, once per batch ({@code -total} and
     * {@code -rate} per second).
     */
    public Distribution meter(MetricDefinition definition, String... tagValues) {
        requireKind(definition, MetricDefinition.Kind.METER);
        if (metrics == null) {
            return Distribution.NONE;
        }
        List<String> attributes = definition.attributes();
        MetricName total = name(definition, attributes.get(0), tagValues);
        MetricName rate = name(definition, attributes.get(1), tagValues);
        Sensor sensor = sensor(definition, total, tagValues);
        sensor.add(new Meter(rate, total));
        return new Distribution(sensor);
    }

    /** A {@link MetricDefinition.Kind#AVERAGE}: average and maximum of the values recorded. */
    public Distribution average(MetricDefinition definition, String... tagValues) {
        requireKind(definition, MetricDefinition.Kind.AVERAGE);
        if (metrics == null) {
            return Distribution.NONE;
        }
        List<String> attributes = definition.attributes();
        MetricName avg = name(definition, attributes.get(0), tagValues);
        Sensor sensor = sensor(definition, avg, tagValues);
        sensor.add(avg, new Avg());
        sensor.add(name(definition, attributes.get(1), tagValues), new Max());
        return new Distribution(sensor);
    }

    /**
     * A {@link MetricDefinition.Kind#HISTOGRAM}: average, maximum, 50th and 99th percentiles.
     *
     * @param max the largest value the percentiles tell apart; larger ones count as {@code max} there (the
     *     {@code -max} attribute still shows them)
     */
    public Distribution histogram(MetricDefinition definition, double max, String... tagValues) {
        requireKind(definition, MetricDefinition.Kind.HISTOGRAM);
        if (metrics == null) {
            return Distribution.NONE;
        }
        List<String> attributes = definition.attributes();
        MetricName avg = name(definition, attributes.get(0), tagValues);
        Sensor sensor = sensor(definition, avg, tagValues);
        sensor.add(avg, new Avg());
        sensor.add(name(definition, attributes.get(1), tagValues), new Max());
        sensor.add(new Percentiles(
                PERCENTILE_BYTES,
                max,
                Percentiles.BucketSizing.LINEAR,
                new Percentile(name(definition, attributes.get(2), tagValues), 50),
                new Percentile(name(definition, attributes.get(3), tagValues), 99)));
        return new Distribution(sensor);
    }

    /** Removes what {@code definition} registered with these tag values (a file no longer tailed, a target gone). */
    public void remove(MetricDefinition definition, String... tagValues) {
        if (metrics == null) {
            return;
        }
        String key = key(definition, tagValues);
        String sensor = sensorsByKey.remove(key);
        if (sensor != null) {
            metrics.removeSensor(sensor);
        }
        List<MetricName> names = metricsByKey.remove(key);
        if (names != null) {
            names.forEach(metrics::removeMetric);
        }
    }

    /**
     * Sensors share one namespace in the worker's registry, and asking for an existing name returns that sensor: the
     * name carries the worker's tags (connector, task, alias) and the plugin's, so that two tasks never record into
     * each other's.
     */
    private Sensor sensor(MetricDefinition definition, MetricName first, String... tagValues) {
        String sensorName = first.group() + ":" + definition.name() + ":" + first.tags();
        Sensor sensor = metrics.addSensor(sensorName);
        sensorsByKey.put(key(definition, tagValues), sensorName);
        return sensor;
    }

    private MetricName name(MetricDefinition definition, String attribute, String... tagValues) {
        List<String> tagNames = definition.tagNames();
        if (tagNames.size() != tagValues.length) {
            throw new IllegalArgumentException("Metric " + definition.name() + " has tags " + tagNames + ", given "
                    + tagValues.length + " values");
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < tagValues.length; i++) {
            tags.put(tagNames.get(i), tagValues[i]);
        }
        return metrics.metricName(attribute, definition.description(), tags);
    }

    private static String key(MetricDefinition definition, String... tagValues) {
        List<String> parts = new ArrayList<>(tagValues.length + 1);
        parts.add(definition.name());
        parts.addAll(List.of(tagValues));
        return String.join("\u0000", parts);
    }

    private static void requireKind(MetricDefinition definition, MetricDefinition.Kind kind) {
        if (definition.kind() != kind) {
            throw new IllegalArgumentException(
                    "Metric " + definition.name() + " is a " + definition.kind() + ", not " + kind);
        }
    }
}
