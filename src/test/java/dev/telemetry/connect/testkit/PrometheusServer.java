package dev.telemetry.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Prometheus server (Debian's prometheus) on a free loopback port, with its own storage directory, scraping
 * one target at a short interval; its HTTP API answers PromQL as Grafana would ask it.
 */
public final class PrometheusServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Path dir;
    private final int port;
    private final RestClient api;
    private Process process;

    public PrometheusServer(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus (bin/test installs it)");
        }
        this.dir = dir;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        api = new RestClient(uri().toString());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Starts the server scraping {@code target} ({@code host:port}, path /metrics) and waits until it is ready. */
    public void start(String target, Duration scrapeInterval) throws IOException, InterruptedException {
        String interval = scrapeInterval.toMillis() + "ms";
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: " + interval,
                        "  scrape_timeout: " + interval,
                        "scrape_configs:",
                        "  - job_name: test",
                        "    static_configs:",
                        "      - targets: ['" + target + "']",
                        ""));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path log = dir.resolve("prometheus.log");
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + data,
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PeerProcesses.awaitServing(process, "Prometheus", log, api, "-/ready");
    }

    /**
     * The answer of {@code GET /api/v1/query} for {@code promql} at the current time: the whole JSON document, whose
     * {@code status} is "success" and {@code data.result} the series for a valid query.
     */
    public JsonNode query(String promql) {
        return api.get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .json();
    }

    /** Stops the process by its PID and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        PeerProcesses.stop(process);
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
