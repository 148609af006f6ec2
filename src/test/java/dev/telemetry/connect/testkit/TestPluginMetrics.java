package dev.telemetry.connect.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;

/**
 * A real metrics registry and Kafka's own {@link PluginMetricsImpl}, tagged as a worker tags a plugin, for unit tests
 * to hand to a plugin and read its metrics back.
 */
public final class TestPluginMetrics implements AutoCloseable {

    private final Metrics registry = new Metrics();
    private final Map<String, String> workerTags;
    private final PluginMetricsImpl pluginMetrics;

    /** @param workerTags the worker's tags in its order, e.g. {@code "connector", "c", "task", "0"} */
    public TestPluginMetrics(String... workerTags) {
        this.workerTags = pairs(workerTags);
        this.pluginMetrics = new PluginMetricsImpl(registry, this.workerTags);
    }

    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The metrics of another plugin in the same registry (another task, say), as a worker hands them out. */
    public PluginMetrics otherPlugin(String... workerTags) {
        return new PluginMetricsImpl(registry, pairs(workerTags));
    }

    /** The value of a metric with these own tags (name/value pairs), or an error naming what is registered. */
    public double value(String attribute, String... ownTags) {
        KafkaMetric metric = registry.metric(name(attribute, ownTags));
        if (metric == null) {
            throw new AssertionError("No metric " + name(attribute, ownTags) + "; registered: "
                    + registry.metrics().keySet());
        }
        return ((Number) metric.metricValue()).doubleValue();
    }

    /** Whether a metric with these own tags is registered. */
    public boolean has(String attribute, String... ownTags) {
        return registry.metric(name(attribute, ownTags)) != null;
    }

    /** Every metric of the group {@code plugins} in the registry. */
    public Map<MetricName, KafkaMetric> all() {
        Map<MetricName, KafkaMetric> result = new LinkedHashMap<>();
        registry.metrics().forEach((name, metric) -> {
            if (name.group().equals("plugins")) {
                result.put(name, metric);
            }
        });
        return result;
    }

    private MetricName name(String attribute, String... ownTags) {
        Map<String, String> tags = new LinkedHashMap<>(workerTags);
        for (int i = 0; i < ownTags.length; i += 2) {
            tags.put(ownTags[i], ownTags[i + 1]);
        }
        return registry.metricName(attribute, "plugins", "", tags);
    }

    private static Map<String, String> pairs(String... namesAndValues) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            tags.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return tags;
    }

    /** Closes the plugin's metrics as the worker does when the plugin stops, then the registry. */
    @Override
    public void close() throws Exception {
        pluginMetrics.close();
        registry.close();
    }
}
