package dev.telemetry.connect.packaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;

/**
 * A JVM of {@link JmxExporterRulesIT}'s: registers, through Kafka's own {@link JmxReporter} under Connect's domain and
 * group ({@code kafka.connect:type=plugins,...}), one plugin metric of each shape of tags that Connect gives plugin
 * metrics (KIP-877), with the value 5, and waits to be stopped. Each argument is one metric: {@code name} then
 * {@code tag=value} pairs in Connect's order, separated by {@code ;}.
 */
final class PluginMetricBeans {

    private PluginMetricBeans() {}

    public static void main(String[] args) throws InterruptedException {
        Metrics metrics = new Metrics(
                new MetricConfig(),
                List.of(new JmxReporter()),
                org.apache.kafka.common.utils.Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect"));
        for (String arg : args) {
            String[] parts = arg.split(";");
            Map<String, String> tags = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                String[] tag = parts[i].split("=", 2);
                tags.put(tag[0], tag[1]);
            }
            MeasurableStat stat = parts[0].endsWith("-total") ? new CumulativeSum() : new Value();
            metrics.sensor(arg).add(new MetricName(parts[0], "plugins", "", tags), stat);
            metrics.sensor(arg).record(5);
        }
        System.out.println("registered " + args.length);
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }
}
