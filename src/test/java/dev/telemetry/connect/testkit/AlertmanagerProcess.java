package dev.telemetry.connect.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, clustering off, with a
 * throwaway data directory. It can be stopped and started again on the same port to simulate an outage.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private static final String CONFIG = """
            route:
              receiver: discard
              group_by: ['...']
              group_wait: 1h
            receivers:
              - name: discard
            """;

    private final Path dir;
    private final int port;
    private final RestClient api;
    private Process process;

    public AlertmanagerProcess(Path dir) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY + " is missing: apt-get install prometheus-alertmanager " + "(.ci/run installs it)");
        }
        this.dir = dir;
        Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        Files.createDirectories(dir.resolve("data"));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        api = new RestClient(uri().toString());
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public RestClient api() {
        return api;
    }

    /** Starts the process and waits until it reports ready. */
    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        PeerProcesses.awaitServing(process, "Alertmanager", dir.resolve("alertmanager.log"), api, "-/ready");
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
