package dev.telemetry.connect.sink.audit;

import dev.telemetry.connect.common.access.OperatorPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings of the audit producer when the worker's operator names them: a client properties file (as
 * Kafka's tools take with {@code --command-config}) named by a JVM system property or environment variable of the
 * worker, like {@link OperatorPolicy}'s settings. No connector key can name or change it, so a REST user who sets
 * {@code audit.topic} writes receipts as the operator's audit principal, to the cluster the operator chose, and can
 * neither point the producer elsewhere nor borrow another principal's credentials by naming their file.
 */
public final class AuditClientConfig {

    public static final String PROPERTY = "telemetry.audit.client.config";

    private AuditClientConfig() {}

    /** How the operator sets it, named in every refusal. */
    public static String setting() {
        return PROPERTY + " (-D" + PROPERTY + " or " + OperatorPolicy.environmentName(PROPERTY) + " on the worker)";
    }

    /** The file the worker's operator named, or empty when none: system property first, then environment. */
    public static Optional<Path> ofWorker() {
        Map<String, String> env = System.getenv();
        return of(name -> {
            String property = System.getProperty(name);
            return property != null ? property : env.get(OperatorPolicy.environmentName(name));
        });
    }

    static Optional<Path> of(Function<String, String> settings) {
        String value = settings.apply(PROPERTY);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.trim()));
    }

    /**
     * The file's client settings.
     *
     * @throws IllegalArgumentException naming the setting and the file, never a value of it (the file holds a
     *     password), when it is not an absolute path to a readable properties file with {@code bootstrap.servers}
     */
    public static Map<String, Object> load(Path file) {
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException(setting() + " names " + file + ", which is not an absolute path");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(
                    setting() + " names " + file + ", which is not a regular file the worker can read");
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    setting() + " names " + file + ", which cannot be read as a properties file: "
                            + e.getClass().getSimpleName());
        }
        String bootstrap = props.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "");
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException(setting() + " names " + file + ", which has no "
                    + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG + ": the audit producer would not know its cluster");
        }
        Map<String, Object> settings = new HashMap<>();
        props.stringPropertyNames().forEach(key -> settings.put(key, props.getProperty(key)));
        return settings;
    }
}
