package dev.telemetry.connect.packaging;

import dev.telemetry.connect.testkit.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Connect worker in distributed mode ({@code ConnectDistributed}) in a JVM of its own, on Kafka's published jars
 * only, so that a test can kill it hard ({@code kill -9}) and start it again with the same properties. Each start
 * writes a log file of its own ({@code <name>-<n>.log}). A JVM shutdown hook kills whatever is still running, so a
 * test that dies on the way leaves no worker behind.
 */
final class DistributedWorkerJvm {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "kill-worker-jvms"));
    }

    /** DistributedHerder's line after every rebalance this worker takes part in. */
    private static final Pattern JOINED =
            Pattern.compile("Joined group at generation (\\d+) .* with rebalance delay: (-?\\d+)");

    private final String name;
    private final Path properties;
    private final Path logDir;
    private final int restPort;
    private final RestClient rest;
    private Process process;
    private Path log;
    private int starts;

    DistributedWorkerJvm(String name, Path properties, Path logDir, int restPort) {
        this.name = name;
        this.properties = properties;
        this.logDir = logDir;
        this.restPort = restPort;
        this.rest = new RestClient("http://127.0.0.1:" + restPort + "/");
    }

    String name() {
        return name;
    }

    RestClient rest() {
        return rest;
    }

    int restPort() {
        return restPort;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void start() throws IOException, InterruptedException {
        starts++;
        log = logDir.resolve(name + "-" + starts + ".log");
        process = KafkaRuntime.start(
                log, List.of(), "org.apache.kafka.connect.cli.ConnectDistributed", List.of(properties.toString()));
        RUNNING.add(process);
    }

    /** {@code kill -9}: no shutdown hook runs in the worker, no task is stopped, no transaction is ended. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        RUNNING.remove(process);
    }

    /** SIGTERM, and SIGKILL if the worker has not exited after 30 s. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
    }

    /**
     * The rebalance delay of the last rebalance this start of the worker joined, empty before its first. A delay of 0
     * means the leader has no lost connectors or tasks held back (scheduled.rebalance.max.delay.ms): everything is
     * assigned to a live worker.
     */
    OptionalLong lastRebalanceDelay() {
        String text = logText();
        Matcher matcher = JOINED.matcher(text);
        OptionalLong delay = OptionalLong.empty();
        while (matcher.find()) {
            delay = OptionalLong.of(Long.parseLong(matcher.group(2)));
        }
        return delay;
    }

    String logText() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + (isAlive() ? " (pid " + process.pid() + ", REST port " + restPort + ")" : " (not running)");
    }
}
