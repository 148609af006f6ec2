package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code --secure}: the deployment of config/secure (docs/security.md) in the runner's work directory. The shipped
 * scripts make its credentials, format the broker's storage and create the ACLs; the shipped broker and worker configs
 * run with the work directory in place of {@code /tmp/telemetry-secure} and the runner's ports; each connector gets its
 * principal's lines from config/secure/{@code <connector>}.properties. The runner's own clients (its live views) use
 * the broker's administrator, a super user.
 */
final class SecureCluster {

    private static final String SHIPPED_DIR = "/tmp/telemetry-secure";
    private static final String SHIPPED_BROKER = "localhost:9095";
    private static final String SHIPPED_CONTROLLER = "localhost:9096";
    private static final String SHIPPED_REST_PORT = "8443";
    private static final String REST_USER = "operator";

    private final Path secureConfig;
    private final Path workDir;
    private final Path credentials;
    private final String kafkaClasspath;
    private final int brokerPort;
    private final int controllerPort;
    private final int restPort;

    private SecureCluster(Path repo, Path workDir, String kafkaClasspath, int brokerPort, int controllerPort,
                          int restPort) {
        this.secureConfig = repo.resolve("config/secure");
        this.workDir = workDir;
        this.credentials = workDir.resolve("secure");
        this.kafkaClasspath = kafkaClasspath;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.restPort = restPort;
    }

    /** Makes the credentials (make-credentials.sh) and formats the broker's storage with its users (format-storage.sh). */
    static SecureCluster prepare(Path repo, Path workDir, String kafkaClasspath, int brokerPort, int controllerPort,
                                 int restPort) throws IOException, InterruptedException {
        SecureCluster cluster = new SecureCluster(repo, workDir, kafkaClasspath, brokerPort, controllerPort, restPort);
        cluster.runScript("make-credentials.sh", cluster.credentials.toString(), cluster.bootstrap());
        cluster.runScript("format-storage.sh", cluster.brokerConfig().toString(), cluster.credentials.toString());
        return cluster;
    }

    String bootstrap() {
        return "localhost:" + brokerPort;
    }

    Path brokerConfig() throws IOException {
        return write("broker.properties");
    }

    /** The broker logs the authorizer's denials to kafka-authorizer.log in the work directory. */
    List<String> brokerJvmOptions() {
        return List.of("-Dlog4j2.configurationFile=" + secureConfig.resolve("broker-log4j2.yaml"),
                "-Dkafka.logs.dir=" + workDir);
    }

    Path workerConfig(Path pluginPath) throws IOException {
        Path file = write("connect-distributed.properties");
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        props.put("plugin.path", pluginPath.toString());
        props.put("offset.flush.interval.ms", "1000");
        try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "config/secure/connect-distributed.properties, written by the pipeline runner");
        }
        return file;
    }

    /** The REST API's JAAS login (basic authentication). */
    List<String> workerJvmOptions() {
        return List.of("-Djava.security.auth.login.config=" + credentials.resolve("rest-jaas.conf"));
    }

    /** The scrape credentials come from the worker's environment (config/secure/metrics-scrape-source.properties). */
    Map<String, String> workerEnvironment() throws IOException {
        return Map.of("TELEMETRY_SECRET_SCRAPE_TOKEN", secret("secrets/scrape.properties", "token"));
    }

    /** create-acls.sh: every ACL of acls.txt, as the administrator. */
    void createAcls() throws IOException, InterruptedException {
        runScript("create-acls.sh", "--bootstrap-server", bootstrap(), "--dir", credentials.toString());
    }

    /** The administrator's client settings, for the runner's own admin client and consumers. */
    Properties client() throws IOException {
        Properties client = new Properties();
        try (Reader reader = Files.newBufferedReader(credentials.resolve("admin-client.properties"),
                StandardCharsets.UTF_8)) {
            client.load(reader);
        }
        client.put("bootstrap.servers", bootstrap());
        return client;
    }

    /** The connector's principal (and secret references) from config/secure, or nothing if none is shipped for it. */
    Map<String, String> principal(String connector) throws IOException {
        Map<String, String> lines = new TreeMap<>();
        if (!Files.isRegularFile(secureConfig.resolve(connector + ".properties"))) {
            return lines;
        }
        Properties props = new Properties();
        props.load(new StringReader(shipped(connector + ".properties")));
        props.stringPropertyNames().forEach(key -> lines.put(key, props.getProperty(key)));
        return lines;
    }

    /** The deployment's CA certificate: public, what the health source's Kafka clients trust. */
    Path caCertificate() {
        return credentials.resolve("ca.pem");
    }

    /** The worker's HTTPS REST API, as the operator of rest-users.properties, trusting only the deployment's CA. */
    ConnectRest rest() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (var in = Files.newInputStream(caCertificate())) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustManagers.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
            String login = REST_USER + ":" + secret("rest-client.properties", REST_USER);
            return new ConnectRest(http, "https://localhost:" + restPort + "/",
                    "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot trust " + caCertificate() + ": " + e.getMessage(), e);
        }
    }

    private String secret(String file, String key) throws IOException {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(credentials.resolve(file), StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        return props.getProperty(key);
    }

    private Path write(String shippedName) throws IOException {
        Path file = workDir.resolve("secure-" + shippedName);
        Files.writeString(file, shipped(shippedName), StandardCharsets.UTF_8);
        return file;
    }

    private String shipped(String shippedName) throws IOException {
        return Files.readString(secureConfig.resolve(shippedName), StandardCharsets.UTF_8)
                .replace(SHIPPED_DIR, credentials.toString())
                .replace(SHIPPED_BROKER, bootstrap())
                .replace(SHIPPED_CONTROLLER, "localhost:" + controllerPort)
                .replace("localhost:" + SHIPPED_REST_PORT, "localhost:" + restPort)
                .replace("rest.advertised.port=" + SHIPPED_REST_PORT, "rest.advertised.port=" + restPort);
    }

    private void runScript(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(secureConfig.resolve(script).toString()));
        command.addAll(List.of(args));
        Path log = workDir.resolve(script.replace(".sh", ".log"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KAFKA_CLASSPATH", kafkaClasspath);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("config/secure/" + script + " failed:\n" + Files.readString(log));
        }
    }
}
