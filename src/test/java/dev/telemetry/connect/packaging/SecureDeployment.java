package dev.telemetry.connect.packaging;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The shipped secure deployment (config/secure) made under one directory of its own: the shipped scripts make its
 * credentials, format its storage and create its ACLs, and the shipped broker and worker configs run in JVMs of their
 * own on Kafka's published jars, with only the secrets directory and the ports changed. A JVM shutdown hook kills
 * whatever is still running, so a test that dies on the way leaves no process behind.
 */
final class SecureDeployment {

    /** The secrets directory and the ports the shipped files name; each is replaced by this deployment's own. */
    static final String SHIPPED_DIR = "/tmp/telemetry-secure";

    static final String SHIPPED_BROKER = "localhost:9095";
    static final String SHIPPED_CONTROLLER = "localhost:9096";
    static final String SHIPPED_REST = "8443";

    private static final Path SHIPPED = ComponentArchive.repo().resolve("config/secure");
    private static final LiveProcesses RUNNING = new LiveProcesses();

    private final Path dir;
    private final Path credentials;
    private final int brokerPort;
    private final int controllerPort;
    private final int restPort;

    SecureDeployment(Path dir, int brokerPort, int controllerPort, int restPort) {
        this.dir = dir;
        this.credentials = dir.resolve("credentials");
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.restPort = restPort;
    }

    Path dir() {
        return dir;
    }

    Path credentials() {
        return credentials;
    }

    String bootstrap() {
        return "localhost:" + brokerPort;
    }

    int restPort() {
        return restPort;
    }

    /**
     * make-credentials.sh (with this deployment's broker for the audit client), then format-storage.sh on the shipped
     * broker config: the deployment's first two steps.
     */
    Path prepare() throws IOException, InterruptedException {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        runScript("make-credentials.sh", credentials.toString(), bootstrap());
        Path broker = write("broker.properties");
        runScript("format-storage.sh", broker.toString(), credentials.toString());
        return broker;
    }

    /** create-acls.sh for the given principals of acls.txt, as the broker's administrator. */
    void createAcls(String... principals) throws IOException, InterruptedException {
        List<String> args =
                new ArrayList<>(List.of("--bootstrap-server", bootstrap(), "--dir", credentials.toString()));
        args.addAll(List.of(principals));
        runScript("create-acls.sh", args.toArray(String[]::new));
    }

    /**
     * Whether create-acls.sh, while it runs, is past its calls for {@code principal}: its AclCommands logs each call
     * (one line of acls.txt) before making it, in order, so a call logged after the last for {@code principal} means
     * those have returned.
     */
    boolean aclsCreatedFor(String principal) throws IOException {
        Path log = dir.resolve("create-acls.log");
        if (!Files.exists(log)) {
            return false;
        }
        List<String> calls = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("kafka-acls "))
                .toList();
        int last = -1;
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).contains(" User:" + principal + " ")) {
                last = i;
            }
        }
        return last >= 0 && last < calls.size() - 1;
    }

    /** The shipped file with this deployment's directory and ports, written into the deployment's directory. */
    Path write(String shippedName) throws IOException {
        Path file = dir.resolve(shippedName);
        Files.writeString(file, shipped(shippedName), StandardCharsets.UTF_8);
        return file;
    }

    /** The shipped file's text with this deployment's directory and ports. */
    String shipped(String shippedName) throws IOException {
        return Files.readString(SHIPPED.resolve(shippedName), StandardCharsets.UTF_8)
                .replace(SHIPPED_DIR, credentials.toString())
                .replace(SHIPPED_BROKER, bootstrap())
                .replace(SHIPPED_CONTROLLER, "localhost:" + controllerPort)
                .replace("localhost:" + SHIPPED_REST, "localhost:" + restPort)
                .replace("rest.advertised.port=" + SHIPPED_REST, "rest.advertised.port=" + restPort);
    }

    /** A shipped properties file (a connector's principal, say) as a map, with this deployment's directory. */
    Map<String, String> shippedProperties(String shippedName) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(shipped(shippedName)));
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(key -> map.put(key, props.getProperty(key)));
        return map;
    }

    /**
     * The worker's operator policy of worker-policy.env, as the environment variables the shipped worker is started
     * with: it reads only {@link #logDir()} (and the CA certificate), writes only {@link #alertDir()}, calls only
     * loopback.
     */
    Map<String, String> workerPolicy() throws IOException {
        return shippedProperties("worker-policy.env");
    }

    /** The directory the policy lets the log-file source read. */
    Path logDir() {
        return credentials.resolve("logs");
    }

    /** The directory the policy lets the file destination write. */
    Path alertDir() {
        return credentials.resolve("alerts");
    }

    /** One line of a credentials file of make-credentials.sh: {@code secrets/kafka-users.properties}, say. */
    String secret(String file, String key) throws IOException {
        Properties props = new Properties();
        try (var reader = Files.newBufferedReader(credentials.resolve(file), StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props.getProperty(key);
    }

    /** Every secret make-credentials.sh made: passwords, the REST user's, the store password, tokens and URLs. */
    List<String> allSecrets() throws IOException {
        List<String> secrets = new ArrayList<>();
        for (String file : List.of(
                "secrets/kafka-users.properties",
                "secrets/tls.properties",
                "secrets/scrape.properties",
                "rest-client.properties")) {
            Properties props = new Properties();
            try (var reader = Files.newBufferedReader(credentials.resolve(file), StandardCharsets.UTF_8)) {
                props.load(reader);
            }
            props.stringPropertyNames().forEach(key -> secrets.add(props.getProperty(key)));
        }
        try (Stream<Path> files = Files.list(credentials.resolve("secrets/alerting"))) {
            for (Path file : files.toList()) {
                secrets.add(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
        }
        return secrets;
    }

    /** Kafka client settings for {@code user} with {@code password}, over SASL_SSL, trusting the deployment's CA. */
    Map<String, Object> client(String user, String password) {
        Map<String, Object> client = new HashMap<>();
        client.put("bootstrap.servers", bootstrap());
        client.put("security.protocol", "SASL_SSL");
        client.put("sasl.mechanism", "SCRAM-SHA-512");
        client.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
        client.put("ssl.truststore.type", "PEM");
        client.put("ssl.truststore.location", credentials.resolve("ca.pem").toString());
        return client;
    }

    /** An SSL context that trusts only the deployment's CA, for the worker's HTTPS REST API. */
    SSLContext restSslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(credentials.resolve("ca.pem"))) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /**
     * Starts one of Kafka's main classes on its published jars, from the repository root, with {@code log4j} as its
     * logging config and {@code env} added to its environment.
     */
    static Process start(
            Path log, Path log4j, List<String> jvmOptions, Map<String, String> env, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(KafkaRuntime.java().toString());
        command.add("-Xmx512m");
        command.addAll(KafkaRuntime.CHILD_JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(KafkaRuntime.classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ComponentArchive.repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    /** SIGTERM to each at once, and SIGKILL to each that has not exited 30 s later. */
    static void stop(Process... processes) throws InterruptedException {
        List<Process> running = Stream.of(processes).filter(Objects::nonNull).toList();
        running.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Process process : running) {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            RUNNING.remove(process);
        }
    }

    private void runScript(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SHIPPED.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = dir.resolve(script.replace(".sh", ".log"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ComponentArchive.repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KAFKA_CLASSPATH", KafkaRuntime.classpath());
        Process process = builder.start();
        RUNNING.add(process);
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        RUNNING.remove(process);
        if (!exited || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(script + " " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The processes started here and still running, killed when the test JVM exits. */
    private static final class LiveProcesses {
        private final Set<Process> processes = ConcurrentHashMap.newKeySet();

        LiveProcesses() {
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(() -> processes.forEach(Process::destroyForcibly), "kill-secure-deployment"));
        }

        void add(Process process) {
            processes.add(process);
        }

        void remove(Process process) {
            processes.remove(process);
        }
    }
}
