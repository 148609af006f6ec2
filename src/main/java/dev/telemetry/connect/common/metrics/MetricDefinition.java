package dev.telemetry.connect.common.metrics;

import java.util.List;

/**
 * One metric a plugin registers, described once: what {@link PluginMetricSet} registers and what the generated
 * reference (docs/metrics.md) lists. The attribute names a kind registers follow Kafka's conventions ({@link
 * Kind#attributes}).
 *
 * @param name the base name; the kind adds the suffixes
 * @param tagNames the plugin's own tags, after those the worker adds (connector, task, transformation or predicate)
 */
public record MetricDefinition(Kind kind, String name, String unit, String description, List<String> tagNames) {

    /** How a metric is measured, and so which attributes it has. */
    public enum Kind {
        /** A cumulative count: {@code <name>-total}. */
        COUNTER(List.of("-total")),
        /** A cumulative count and its rate per second over the sample window: {@code -total}, {@code -rate}. */
        METER(List.of("-total", "-rate")),
        /** A current value: {@code <name>}. */
        GAUGE(List.of("")),
        /** Average and maximum over the sample window. */
        AVERAGE(List.of("-avg", "-max")),
        /** Average, maximum and the 50th and 99th percentiles over the sample window. */
        HISTOGRAM(List.of("-avg", "-max", "-p50", "-p99"));

        private final List<String> suffixes;

        Kind(List<String> suffixes) {
            this.suffixes = suffixes;
        }

        /** The attribute names a metric of this kind registers. */
        public List<String> attributes(String name) {
            return suffixes.stream().map(suffix -> name + suffix).toList();
        }
    }

    public MetricDefinition {
        tagNames = List.copyOf(tagNames);
    }

    public static MetricDefinition counter(String name, String unit, String description, String... tagNames) {
        return new MetricDefinition(Kind.COUNTER, name, unit, description, List.of(tagNames));
    }

    public static MetricDefinition meter(String name, String unit, String description, String... tagNames) {
        return new MetricDefinition(Kind.METER, name, unit, description, List.of(tagNames));
    }

    public static MetricDefinition gauge(String name, String unit, String description, String... tagNames) {
        return new MetricDefinition(Kind.GAUGE, name, unit, description, List.of(tagNames));
    }

    public static MetricDefinition average(String name, String unit, String description, String... tagNames) {
        return new MetricDefinition(Kind.AVERAGE, name, unit, description, List.of(tagNames));
    }

    public static MetricDefinition histogram(String name, String unit, String description, String... tagNames) {
        return new MetricDefinition(Kind.HISTOGRAM, name, unit, description, List.of(tagNames));
    }

    /** The attribute names this metric registers. */
    public List<String> attributes() {
        return kind.attributes(name);
    }
}
