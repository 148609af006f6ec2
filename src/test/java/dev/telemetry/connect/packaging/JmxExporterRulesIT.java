package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.RestClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin-metric rules of {@code config/jmx-exporter.yaml} on every shape of MBean name Connect gives plugin
 * metrics (KIP-877), before the bundle registers any: a JVM with the JMX exporter agent and the shipped rules registers
 * them through Kafka's own {@code JmxReporter} ({@link PluginMetricBeans}), and the agent's /metrics must name each
 * with the labels docs/monitoring.md gives. {@link DashboardQueriesIT} covers Connect's own metrics on a real worker.
 */
class JmxExporterRulesIT {

    @TempDir
    Path work;

    @Test
    void pluginMetricsGetTheirConnectorTaskAliasAndOwnTagsAsLabels() throws Exception {
        String agent = System.getProperty("jmx.exporter.agent");
        assertThat(agent)
                .as("jmx.exporter.agent, which the pom's Failsafe configuration sets")
                .isNotNull();
        assertThat(Path.of(agent))
                .as("the agent the build copies (./mvnw package)")
                .isRegularFile();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(KafkaRuntime.java().toString(), "-Xmx128m"));
        command.addAll(KafkaRuntime.CHILD_JVM_OPTIONS);
        command.addAll(List.of(
                "-javaagent:" + agent + "=127.0.0.1:" + port + ":"
                        + Path.of("config/jmx-exporter.yaml").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                PluginMetricBeans.class.getName(),
                "records-emitted-total;connector=gen;task=0;stream=web",
                "records-matched-total;connector=gen;task=0;transformation=classify;rule=error_log",
                "records-unmatched-total;connector=gen;task=0;transformation=classify",
                "records-passed-total;connector=sink;task=0;predicate=isAlert",
                "scrape-failures-total;connector=scrape;task=0;target=http://127.0.0.1:9100/metrics;reason=timeout",
                "read-lag-bytes;connector=logs;task=0;file=/var/log/app.log",
                "group-lag;connector=health;task=0;group=east/billing",
                "delivery-latency-p99;connector=sink;task=0",
                "tasks-wanted;connector=gen",
                "targets-total;connector=scrape;kind=static"));
        Path log = work.resolve("plugin-metric-beans.log");
        Process beans = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            RestClient exporter = new RestClient("http://127.0.0.1:" + port + "/");
            String exported = "";
            long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(60);
            while (!exported.contains("kafka_connect_plugin_connector_targets_total")
                    && System.currentTimeMillis() < deadline) {
                assertThat(beans.isAlive()).as("the JVM runs; see " + log).isTrue();
                try {
                    exported = exporter.get("metrics").body();
                } catch (IllegalStateException notListening) {
                    // The agent listens once the JVM has started it.
                }
                Thread.sleep(200);
            }
            assertThat(exported)
                    .as("the agent's /metrics; the JVM's output: " + Files.readString(log))
                    .contains(
                            "kafka_connect_plugin_records_emitted_total{connector=\"gen\",stream=\"web\",task=\"0\"} 5.0",
                            "kafka_connect_plugin_records_matched_total{connector=\"gen\",rule=\"error_log\",task=\"0\","
                                    + "transformation=\"classify\"} 5.0",
                            "kafka_connect_plugin_records_unmatched_total{connector=\"gen\",task=\"0\","
                                    + "transformation=\"classify\"} 5.0",
                            "kafka_connect_plugin_records_passed_total{connector=\"sink\",predicate=\"isAlert\","
                                    + "task=\"0\"} 5.0",
                            "kafka_connect_plugin_scrape_failures_total{connector=\"scrape\",reason=\"timeout\","
                                    + "target=\"http://127.0.0.1:9100/metrics\",task=\"0\"} 5.0",
                            "kafka_connect_plugin_read_lag_bytes{connector=\"logs\",file=\"/var/log/app.log\","
                                    + "task=\"0\"} 5.0",
                            "kafka_connect_plugin_group_lag{connector=\"health\",group=\"east/billing\","
                                    + "task=\"0\"} 5.0",
                            "kafka_connect_plugin_delivery_latency_p99{connector=\"sink\",task=\"0\"} 5.0",
                            "kafka_connect_plugin_connector_tasks_wanted{connector=\"gen\"} 5.0",
                            "kafka_connect_plugin_connector_targets_total{connector=\"scrape\",kind=\"static\"} 5.0",
                            "# TYPE kafka_connect_plugin_records_emitted_total counter",
                            "# TYPE kafka_connect_plugin_read_lag_bytes gauge");
        } finally {
            beans.destroy();
            if (!beans.waitFor(10, TimeUnit.SECONDS)) {
                beans.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
