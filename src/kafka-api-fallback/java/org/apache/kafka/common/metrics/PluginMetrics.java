package org.apache.kafka.common.metrics;

import java.util.LinkedHashMap;
import org.apache.kafka.common.MetricName;

/**
 * Stand-in for Kafka 4.1's {@code PluginMetrics} (KIP-877), the parameter type of {@link Monitorable}: see there why the
 * archive ships it. A worker older than 4.1 never creates one, so these methods are never called here; they are
 * declared with Kafka's public signatures so that this jar describes the same API the plugin is compiled against.
 */
public interface PluginMetrics {

    MetricName metricName(String name, String description, LinkedHashMap<String, String> tags);

    void addMetric(MetricName metricName, MetricValueProvider<?> metricValueProvider);

    void removeMetric(MetricName metricName);

    Sensor addSensor(String name);

    void removeSensor(String name);
}
