package dev.telemetry.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * The alert sink's delivery latency (alert event time to delivered, the sink tasks' p50 and p99 over Kafka's 60 s
 * metric window) as the worker's Prometheus JMX exporter agent serves it with config/jmx-exporter.yaml: the same
 * numbers the dashboard's latency panel shows, read from the agent's /metrics endpoint.
 */
final class DeliveryLatency {

    static final String P50 = "kafka_connect_plugin_delivery_latency_p50";
    static final String P99 = "kafka_connect_plugin_delivery_latency_p99";

    private final URI metrics;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DeliveryLatency(int port) {
        this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    URI metrics() {
        return metrics;
    }

    /**
     * The worker's {@code -javaagent} option: the agent jar the build copies to target/jmx-exporter (./mvnw package),
     * serving on this loopback port with the repository's rules.
     */
    String javaAgentOption(Path repo) throws IOException {
        Path agent;
        try (Stream<Path> jars = Files.list(repo.resolve("target/jmx-exporter"))) {
            agent = jars.filter(jar -> jar.getFileName().toString().startsWith("jmx_prometheus_javaagent-"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no JMX exporter agent in target/jmx-exporter: run ./mvnw "
                            + "package"));
        }
        return "-javaagent:" + agent + "=127.0.0.1:" + metrics.getPort() + ":"
                + repo.resolve("config/jmx-exporter.yaml");
    }

    /** The summary's line for {@code connector}, read from the agent now. */
    String summaryLine(String connector) {
        String exposition;
        try {
            HttpResponse<String> response = http.send(
                    // The agent reads every included MBean per request: seconds for a worker on a loaded machine.
                    HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            exposition = response.body();
        } catch (IOException e) {
            return "delivery latency: the worker's metrics endpoint " + metrics + " did not answer (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "delivery latency: interrupted while reading " + metrics;
        }
        OptionalDouble p50 = highest(exposition, P50, connector);
        OptionalDouble p99 = highest(exposition, P99, connector);
        if (p50.isEmpty() || p99.isEmpty()) {
            return "delivery latency: " + connector + " exports no " + P50 + " / " + P99
                    + " (a bundle without plugin metrics)";
        }
        if (Double.isNaN(p50.getAsDouble())) {
            return "delivery latency: no alert delivered by " + connector + " in the last metric window";
        }
        return String.format(
                "delivery latency (event time to delivered, last 60 s): p50 %.0f ms, p99 %.0f ms", p50.getAsDouble(),
                p99.getAsDouble());
    }

    /**
     * The highest value among {@code metric}'s series labelled {@code connector} (one per sink task) in Prometheus's
     * text format; NaN when every task reports NaN (nothing delivered in the window), empty when there is none.
     */
    static OptionalDouble highest(String exposition, String metric, String connector) {
        String label = "connector=\"" + connector + "\"";
        OptionalDouble highest = OptionalDouble.empty();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith(metric + "{") || !line.contains(label)) {
                continue;
            }
            double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)
                    .replace("Inf", "Infinity"));
            if (highest.isEmpty() || Double.isNaN(highest.getAsDouble()) || value > highest.getAsDouble()) {
                highest = OptionalDouble.of(value);
            }
        }
        return highest;
    }
}
