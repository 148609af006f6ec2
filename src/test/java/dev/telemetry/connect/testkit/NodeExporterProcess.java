package dev.telemetry.connect.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Prometheus node_exporter (Debian's prometheus-node-exporter) on a free loopback port: a scrape target with
 * real counters and gauges. It can be stopped and started again on the same port to simulate an outage.
 */
public final class NodeExporterProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private final Path log;
    private final int port;
    private final RestClient http;
    private Process process;

    public NodeExporterProcess(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: apt-get install prometheus-node-exporter " + "(.ci/run installs it)");
        }
        this.log = dir.resolve("node-exporter.log");
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        http = new RestClient("http://127.0.0.1:" + port + "/");
    }

    /** The exporter's metrics endpoint. */
    public URI metricsUri() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    /** Starts the process and waits until it serves /metrics. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PeerProcesses.awaitServing(process, "node_exporter", log, http, "metrics");
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
