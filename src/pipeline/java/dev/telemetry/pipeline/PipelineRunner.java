package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The main job: a real KRaft broker and a real distributed Connect worker, each its own JVM from Kafka's published
 * jars, the unpacked component archive as the worker's plugin path, the telemetry pipeline created through the REST
 * API, and a live view of it. Ctrl-C or {@code --duration} stops the worker, then the broker, waits for both, removes
 * the temporary directory and prints a summary; logs are kept in target/pipeline/logs.
 */
public final class PipelineRunner {

    private static final PrintStream OUT = System.out;
    private static final long BROKER_START_TIMEOUT_S = 90;
    private static final long WORKER_START_TIMEOUT_S = 120;
    /**
     * How long the sink gets, after the sources are paused, to deliver the alerts still on their way; with incidents,
     * plus the silence that resolves them.
     */
    private static final Duration CATCH_UP = Duration.ofSeconds(20);

    private final Options options;
    private final List<ChildJvm> children = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile LiveView liveView;
    private final RealInputs realInputs = new RealInputs(OUT);
    private Path workDir;

    private PipelineRunner(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        PipelineRunner runner = new PipelineRunner(options);
        Thread hook = new Thread(runner::onSignal, "pipeline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exitCode = runner.runAndCleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C arrived: the JVM is exiting already, and the hook has waited for the clean-up above.
            return;
        }
        System.exit(exitCode);
    }

    /** Runs in the shutdown hook on Ctrl-C / SIGTERM: ask the main thread to stop and wait until it cleaned up. */
    private void onSignal() {
        stopRequested = true;
        LiveView view = liveView;
        if (view != null) {
            view.wakeup();
        }
        try {
            finished.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int runAndCleanUp() {
        int exitCode = 1;
        try {
            exitCode = run();
        } catch (StopRequested e) {
            OUT.println("Stopped before the pipeline was up.");
            exitCode = 130;
        } catch (Exception e) {
            OUT.println("FAILED: " + e.getMessage());
            children.stream().filter(child -> !child.isAlive())
                    .forEach(child -> OUT.println("--- last lines of " + child.name() + ".log\n" + child.logTail(25)));
        } finally {
            cleanUp();
            finished.countDown();
        }
        return exitCode;
    }

    private int run() throws Exception {
        long startedNanos = System.nanoTime();
        workDir = Files.createTempDirectory("telemetry-pipeline-");
        String classpath = Files.readString(options.kafkaClasspathFile(), StandardCharsets.UTF_8).trim();
        Path pluginPath = options.repo().resolve("target/components/packages");
        Path log4j = writeLog4jConfig();
        OUT.println("Work directory " + workDir + " (removed at the end)");

        int brokerPort = reservePort();
        int controllerPort = reservePort();
        int restPort = reservePort();
        SecureCluster secure = null;
        String bootstrap = "127.0.0.1:" + brokerPort;
        Path brokerConfig;
        if (options.secure()) {
            OUT.println("Secure deployment (config/secure): credentials, storage and ACLs by its scripts ...");
            secure = SecureCluster.prepare(options.repo(), workDir, classpath, brokerPort, controllerPort, restPort);
            bootstrap = secure.bootstrap();
            brokerConfig = secure.brokerConfig();
        } else {
            brokerConfig = writeBrokerConfig(brokerPort, controllerPort);
            String clusterId = lastLine(ChildJvm.runTool(classpath, log4j, "kafka.tools.StorageTool",
                    List.of("random-uuid")));
            ChildJvm.runTool(classpath, log4j, "kafka.tools.StorageTool",
                    List.of("format", "-t", clusterId, "-c", brokerConfig.toString(), "--standalone"));
        }
        // The runner's own admin client and live views: on --secure as the broker's administrator.
        Properties client = secure == null ? new Properties() : secure.client();
        client.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        ChildJvm broker = startChild("broker", classpath, log4j, "768m",
                secure == null ? List.of() : secure.brokerJvmOptions(), Map.of(), "kafka.Kafka",
                List.of(brokerConfig.toString()));
        OUT.printf("Broker  pid %d  on %s (KRaft, combined broker+controller%s)%n", broker.pid(), bootstrap,
                secure == null ? "" : "; SASL_SSL, SCRAM-SHA-512, StandardAuthorizer");
        awaitBroker(client, broker);
        if (secure != null) {
            secure.createAcls();
            OUT.println("  ACLs of config/secure/acls.txt created; each connector runs as its own principal");
        }

        Path workerConfig = secure == null ? writeWorkerConfig(bootstrap, restPort, pluginPath)
                : secure.workerConfig(pluginPath);
        // The worker runs as an operator would run a shared one: its plugins may write only the work directory and
        // call only loopback, whatever a connector config asks (docs/security.md). They read the work directory, or on
        // --secure only what the connectors tail and trust: never the credentials kept under the work directory.
        String readable = secure == null
                ? workDir.toString()
                : String.join(",", List.of(
                        workDir.resolve(RealInputs.APP_LOG_DIR).toString(),
                        workDir.resolve("broker.log").toString(),
                        workDir.resolve("worker.log").toString(),
                        secure.caCertificate().toString()));
        List<String> workerOptions = new ArrayList<>(List.of(
                "-Dtelemetry.allowed.read.paths=" + readable,
                "-Dtelemetry.allowed.write.paths=" + workDir,
                "-Dtelemetry.allowed.networks=127.0.0.0/8,::1/128"));
        if (secure != null) {
            workerOptions.addAll(secure.workerJvmOptions());
        }
        DeliveryLatency deliveryLatency = new DeliveryLatency(reservePort());
        workerOptions.add(deliveryLatency.javaAgentOption(options.repo()));
        ChildJvm worker = startChild("worker", classpath, log4j, "768m", workerOptions,
                secure == null ? Map.of() : secure.workerEnvironment(),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(workerConfig.toString()));
        OUT.printf("Worker  pid %d  REST %s://%s:%d  plugin.path=%s%n", worker.pid(), secure == null ? "http" : "https",
                secure == null ? "127.0.0.1" : "localhost", restPort, pluginPath);
        OUT.println("  metrics (Prometheus JMX exporter, config/jmx-exporter.yaml): " + deliveryLatency.metrics());
        ConnectRest rest = secure == null ? new ConnectRest(restPort) : secure.rest();
        awaitUntil("the Connect worker's REST API", WORKER_START_TIMEOUT_S, worker, rest::isReady);

        Set<String> plugins = rest.pluginClasses();
        OUT.println("Plugins loaded from the archive: " + plugins.stream().filter(c -> c.startsWith("dev.telemetry."))
                .map(c -> c.substring(c.lastIndexOf('.') + 1)).sorted().toList());
        Path alertFile = workDir.resolve("alerts.jsonl");
        ConnectorPlan plan = ConnectorPlan.build(options.repo().resolve("config"), plugins, options, alertFile);
        if (secure != null) {
            plan.source().putAll(secure.principal(ConnectorPlan.SOURCE_NAME));
            plan.sink().putAll(secure.principal(ConnectorPlan.SINK_NAME));
        }
        plan.notes().forEach(note -> OUT.println("  note: " + note));
        rest.createConnector(ConnectorPlan.SOURCE_NAME, plan.source());
        OUT.println("Created connector " + ConnectorPlan.SOURCE_NAME + " (transforms: "
                + plan.source().getOrDefault("transforms", "none") + ")");
        rest.createConnector(ConnectorPlan.SINK_NAME, plan.sink());
        OUT.println("Created connector " + ConnectorPlan.SINK_NAME + " (reads " + plan.sink().get("topics")
                + ", keeps severity " + String.join(" or ", plan.alertSeverities()) + ") -> " + alertFile.getFileName());
        realInputs.start(workDir, options.repo().resolve("config"), plugins, bootstrap, client, secure, rest,
                this::reservePort, Set.copyOf(plan.streamTopics()));
        OUT.printf("Pipeline up in %.1f s. %s%n%n", (System.nanoTime() - startedNanos) / 1e9,
                options.durationSeconds() > 0 ? "Running for " + options.durationSeconds() + " s (Ctrl-C stops)."
                        : "Ctrl-C stops.");

        long deadline = options.durationSeconds() > 0
                ? System.nanoTime() + TimeUnit.SECONDS.toNanos(options.durationSeconds()) : Long.MAX_VALUE;
        try (LiveView view = new LiveView(client, plan.streamTopics(), plan.alertSeverities(), alertFile,
                plan.incidentKeyFields(), OUT)) {
            liveView = view;
            List<String> connectors = new ArrayList<>(List.of(ConnectorPlan.SOURCE_NAME, ConnectorPlan.SINK_NAME));
            connectors.addAll(realInputs.connectorNames());
            FailedTaskRestarts restarts = new FailedTaskRestarts(rest, connectors);
            view.addTickLines(() -> Stream.concat(realInputs.tickLines().stream(), restarts.tickLines().stream())
                    .toList());
            view.run(() -> stopRequested || System.nanoTime() >= deadline || !broker.isAlive() || !worker.isAlive());
            liveView = null;
            // Read before the sources pause, so the window holds the run's deliveries, not only the catch-up's.
            String latency = deliveryLatency.summaryLine(ConnectorPlan.SINK_NAME);
            OUT.println();
            if (!stopRequested && broker.isAlive() && worker.isAlive()) {
                realInputs.stopPausing(rest);
                List<String> sources = new ArrayList<>(List.of(ConnectorPlan.SOURCE_NAME));
                sources.addAll(realInputs.sourceConnectorNames());
                for (String source : sources) {
                    rest.pause(source);
                }
                Duration catchUp = CATCH_UP.plus(plan.incidentSilence());
                OUT.println(view.catchUp(catchUp)
                        ? "Paused the sources " + sources + "; the sink has delivered every alert in the streams"
                                + (plan.incidentKeyFields() == null ? "." : " in incidents, each resolved.")
                        : "Paused the sources " + sources + "; the sink had not delivered every alert in the streams "
                                + "after " + catchUp.toSeconds() + " s.");
            }
            OUT.println("Connector status at the end:");
            OUT.println("  " + ConnectorPlan.SOURCE_NAME + ": " + rest.status(ConnectorPlan.SOURCE_NAME));
            OUT.println("  " + ConnectorPlan.SINK_NAME + ": " + rest.status(ConnectorPlan.SINK_NAME));
            for (String name : realInputs.connectorNames()) {
                OUT.println("  " + name + ": " + rest.status(name));
            }
            OUT.println("Summary:");
            view.summary().forEach(line -> OUT.println("  " + line));
            OUT.println("  " + latency);
            realInputs.summary().forEach(line -> OUT.println("  " + line));
            restarts.summary().forEach(line -> OUT.println("  " + line));
            if (!broker.isAlive() || !worker.isAlive()) {
                throw new IOException("the " + (broker.isAlive() ? "worker" : "broker") + " exited unexpectedly");
            }
            if (view.totalEvents() == 0) {
                throw new IOException("no event reached Kafka; see the worker log");
            }
            if (view.alertsInStreams() > 0 && view.alertsDelivered() == 0) {
                throw new IOException("the streams hold " + view.alertsInStreams() + " alerts but the sink delivered "
                        + "none; see the worker log");
            }
            if (!view.incidentViolations().isEmpty()) {
                throw new IOException("the sink's incidents broke the lifecycle's promises: " + view.incidentViolations());
            }
        }
        return stopRequested ? 130 : 0;
    }

    private ChildJvm startChild(String name, String classpath, Path log4j, String heap, List<String> jvmOptions,
                                Map<String, String> environment, String mainClass, List<String> args)
            throws IOException {
        synchronized (children) {
            if (stopRequested) {
                throw new StopRequested();
            }
            ChildJvm child = ChildJvm.start(name, classpath, log4j, workDir.resolve(name + ".log"), heap, jvmOptions,
                    environment, mainClass, args);
            children.add(child);
            return child;
        }
    }

    private void awaitBroker(Properties client, ChildJvm broker) throws IOException, InterruptedException {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        try (Admin admin = Admin.create(props)) {
            awaitUntil("the broker", BROKER_START_TIMEOUT_S, broker, () -> {
                try {
                    return !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private void awaitUntil(String what, long timeoutSeconds, ChildJvm process, BooleanSupplier ready)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.getAsBoolean()) {
            if (stopRequested) {
                throw new StopRequested();
            }
            if (!process.isAlive()) {
                throw new IOException(process.name() + " exited while starting");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(what + " was not ready within " + timeoutSeconds + " s");
            }
            Thread.sleep(250);
        }
        OUT.printf("  %s ready after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** Worker before broker, so the worker can commit offsets and leave its group while the broker still runs. */
    private void cleanUp() {
        List<ChildJvm> toStop;
        synchronized (children) {
            stopRequested = true;
            toStop = new ArrayList<>(children);
        }
        if (!toStop.isEmpty()) {
            OUT.println("Stopping:");
        }
        realInputs.stop(options.repo().resolve("target/pipeline/logs"));
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                OUT.println("  " + toStop.get(i).stop());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Integer> busy = ports.stream().filter(port -> !FreePorts.isFree(port)).toList();
        if (!ports.isEmpty()) {
            OUT.println(busy.isEmpty() ? "  ports " + ports + " are free again" : "  WARNING: ports still in use: " + busy);
        }
        if (workDir != null) {
            keepLogs();
            deleteRecursively(workDir);
            OUT.println("  removed " + workDir);
        }
    }

    private void keepLogs() {
        Path logs = options.repo().resolve("target/pipeline/logs");
        try {
            Files.createDirectories(logs);
            for (ChildJvm child : children) {
                if (Files.exists(child.log())) {
                    Files.copy(child.log(), logs.resolve(child.log().getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            // --secure: the broker's authorizer log, every denied operation.
            for (String kept : List.of("alerts.jsonl", "kafka-authorizer.log")) {
                Path file = workDir.resolve(kept);
                if (Files.exists(file)) {
                    Files.copy(file, logs.resolve(kept), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            OUT.println("  logs kept in " + options.repo().relativize(logs));
        } catch (IOException e) {
            OUT.println("  could not keep logs: " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            OUT.println("  could not remove " + dir + ": " + e.getMessage());
        }
    }

    private int reservePort() {
        int port = FreePorts.next();
        ports.add(port);
        return port;
    }

    /** The project's own config/broker.properties, with this machine's ports, log directory and single node. */
    private Path writeBrokerConfig(int brokerPort, int controllerPort) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(options.repo().resolve("config/broker.properties"))) {
            props.load(reader);
        }
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", workDir.resolve("kraft-logs").toString());
        // One broker: every internal topic with one replica, and the partition count the pipeline's topics use.
        props.put("num.partitions", "3");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return store(props, "server.properties");
    }

    /** The project's own config/connect-distributed.properties, pointed at this broker, port and plugin path. */
    private Path writeWorkerConfig(String bootstrap, int restPort, Path pluginPath) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(options.repo().resolve("config/connect-distributed.properties"))) {
            props.load(reader);
        }
        props.put("bootstrap.servers", bootstrap);
        props.put("listeners", "http://127.0.0.1:" + restPort);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", Integer.toString(restPort));
        props.put("plugin.path", pluginPath.toString());
        props.put("offset.flush.interval.ms", "1000");
        return store(props, "worker.properties");
    }

    private Path writeLog4jConfig() throws IOException {
        Path file = workDir.resolve("log4j2.properties");
        Files.writeString(file, String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = STDOUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = STDOUT",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    private Path store(Properties props, String name) throws IOException {
        Path file = workDir.resolve(name);
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "written by the pipeline runner");
        }
        return file;
    }

    private static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1].trim();
    }

    /** Thrown where startup notices Ctrl-C, to skip straight to clean-up. */
    private static final class StopRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopRequested() {
            super("stop requested", null, false, false);
        }
    }
}
