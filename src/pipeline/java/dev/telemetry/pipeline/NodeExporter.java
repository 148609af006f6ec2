package dev.telemetry.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's prometheus-node-exporter as a child process on a loopback port, for the scrape source to read real host
 * metrics. Started in a session of its own (like the JVMs) and stopped by its PID: SIGTERM, then SIGKILL after a
 * grace period.
 */
final class NodeExporter {

    static final String EXECUTABLE = "prometheus-node-exporter";
    private static final long START_TIMEOUT_S = 60;
    private static final long GRACE_SECONDS = 10;

    private final Process process;
    private final int port;

    private NodeExporter(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The executable on the PATH, if the package is installed. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":"))
                .map(dir -> Path.of(dir, EXECUTABLE))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static NodeExporter start(Path executable, int port, Path log) throws IOException, InterruptedException {
        // A few collectors keep each scrape small on a busy machine; enough for CPU, memory, load and disks.
        Process process = new ProcessBuilder(List.of("setsid", executable.toString(),
                        "--web.listen-address=127.0.0.1:" + port, "--collector.disable-defaults",
                        "--collector.cpu", "--collector.meminfo", "--collector.loadavg", "--collector.filesystem",
                        "--collector.diskstats", "--collector.netdev"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        NodeExporter exporter = new NodeExporter(process, port);
        exporter.awaitReady();
        return exporter;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url())).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(EXECUTABLE + " exited with code " + process.exitValue());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException(EXECUTABLE + " did not answer on " + url() + " within " + START_TIMEOUT_S + " s");
            }
            Thread.sleep(250);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    long pid() {
        return process.pid();
    }

    String stop() throws InterruptedException {
        if (!process.isAlive()) {
            return "node-exporter (pid " + pid() + ") had already exited with code " + process.exitValue();
        }
        process.destroy();
        if (process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
            return "node-exporter (pid " + pid() + ") stopped";
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return "node-exporter (pid " + pid() + ") did not stop within " + GRACE_SECONDS + " s and was killed";
    }
}
