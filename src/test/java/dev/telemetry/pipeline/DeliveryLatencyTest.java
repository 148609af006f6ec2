package dev.telemetry.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's latency line, read from a real HTTP server on loopback that serves what the JMX exporter would. */
class DeliveryLatencyTest {

    private static final String SINK = "alert-sink-file";

    private final AtomicReference<String> exposition = new AtomicReference<>("");
    private HttpServer agent;

    @BeforeEach
    void startAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/metrics", exchange -> {
            byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    private static String series(String metric, String connector, int task, String value) {
        return metric + "{connector=\"" + connector + "\",task=\"" + task + "\",} " + value + "\n";
    }

    @Test
    void theHighestTaskOfTheConnectorIsItsLatencyAndOtherConnectorsAreIgnored() {
        String text = "# HELP " + DeliveryLatency.P99 + " delivery latency\n"
                + series(DeliveryLatency.P99, SINK, 0, "120.0")
                + series(DeliveryLatency.P99, SINK, 1, "NaN")
                + series(DeliveryLatency.P99, SINK, 2, "340.5")
                + series(DeliveryLatency.P99, "alert-sink-inputs", 0, "9000.0")
                + series(DeliveryLatency.P50, SINK, 0, "80.0");

        assertThat(DeliveryLatency.highest(text, DeliveryLatency.P99, SINK)).hasValue(340.5);
        assertThat(DeliveryLatency.highest(text, DeliveryLatency.P50, SINK)).hasValue(80.0);
        assertThat(DeliveryLatency.highest(text, DeliveryLatency.P99, "alert-sink-inputs"))
                .hasValue(9000.0);
    }

    @Test
    void nanOnlyWhenEveryTaskSaysNanAndEmptyWhenTheConnectorHasNoSeries() {
        String text = series(DeliveryLatency.P99, SINK, 0, "NaN") + series(DeliveryLatency.P99, SINK, 1, "NaN");
        assertThat(DeliveryLatency.highest(text, DeliveryLatency.P99, SINK).getAsDouble())
                .isNaN();
        assertThat(DeliveryLatency.highest(text, DeliveryLatency.P99, "other")).isEqualTo(OptionalDouble.empty());
        String infinite = series(DeliveryLatency.P99, SINK, 0, "+Inf");
        assertThat(DeliveryLatency.highest(infinite, DeliveryLatency.P99, SINK)).hasValue(Double.POSITIVE_INFINITY);
    }

    @Test
    void theSummaryLineReadsTheAgentsEndpoint() {
        DeliveryLatency latency = new DeliveryLatency(agent.getAddress().getPort());
        assertThat(latency.metrics().toString())
                .isEqualTo("http://127.0.0.1:" + agent.getAddress().getPort() + "/metrics");

        exposition.set(series(DeliveryLatency.P50, SINK, 0, "41.6") + series(DeliveryLatency.P99, SINK, 0, "250.2"));
        assertThat(latency.summaryLine(SINK))
                .isEqualTo("delivery latency (event time to delivered, last 60 s): p50 42 ms, p99 250 ms");

        exposition.set(series(DeliveryLatency.P50, SINK, 0, "NaN") + series(DeliveryLatency.P99, SINK, 0, "NaN"));
        assertThat(latency.summaryLine(SINK))
                .isEqualTo("delivery latency: no alert delivered by " + SINK + " in the last metric window");

        exposition.set("jvm_threads_current 12.0\n");
        assertThat(latency.summaryLine(SINK)).contains(SINK + " exports no " + DeliveryLatency.P50);
    }

    @Test
    void anEndpointThatDoesNotAnswerIsSaidInTheLine() {
        int port = agent.getAddress().getPort();
        agent.stop(0);
        assertThat(new DeliveryLatency(port).summaryLine(SINK))
                .startsWith("delivery latency: the worker's metrics endpoint http://127.0.0.1:" + port
                        + "/metrics did not answer");
    }

    @Test
    void theJavaAgentOptionNamesTheBuiltAgentJarAndTheRepositoryRules(@TempDir Path repo) throws IOException {
        DeliveryLatency latency = new DeliveryLatency(9404);
        assertThatThrownBy(() -> latency.javaAgentOption(repo)).isInstanceOf(IOException.class);

        Path agents = Files.createDirectories(repo.resolve("target/jmx-exporter"));
        Files.createFile(agents.resolve("README.txt"));
        Path jar = Files.createFile(agents.resolve("jmx_prometheus_javaagent-1.5.0.jar"));
        assertThat(latency.javaAgentOption(repo))
                .isEqualTo("-javaagent:" + jar + "=127.0.0.1:9404:" + repo.resolve("config/jmx-exporter.yaml"));
        Files.delete(jar);
        assertThatThrownBy(() -> latency.javaAgentOption(repo))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no JMX exporter agent in target/jmx-exporter");
    }
}
