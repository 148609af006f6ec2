package dev.telemetry.connect.sink.audit;

import static dev.telemetry.connect.sink.config.AlertSinkConfig.AUDIT_TOPIC_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.PRODUCER_OVERRIDE_PREFIX;

import dev.telemetry.connect.common.access.OperatorPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * Where and as whom the audit producer writes. The cluster connection is the worker operator's: a client properties
 * file (as Kafka's tools take with {@code --command-config}: {@code bootstrap.servers}, {@code security.protocol},
 * {@code sasl.mechanism}, {@code ssl.*}) named by a JVM system property or environment variable of the worker, like
 * {@link OperatorPolicy}'s settings. The identity is the sink's own: its {@code producer.override.sasl.jaas.config},
 * the login Connect also gives its dead-letter queue producer, which the worker's client override policy must allow;
 * without one, the file's own login. No connector key can name the file or change anything else in it, so a REST
 * user who sets {@code audit.topic} writes receipts to the cluster the operator chose with the login the connector's
 * own clients use (nothing its dead-letter queue producer could not write), and can neither point the producer
 * elsewhere nor borrow a principal by naming its client file.
 */
public final class AuditClientConfig {

    public static final String PROPERTY = "telemetry.audit.client.config";

    /** The connector key whose login the audit producer takes: the sink's own principal. */
    public static final String LOGIN_OVERRIDE = PRODUCER_OVERRIDE_PREFIX + SaslConfigs.SASL_JAAS_CONFIG;

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

    /**
     * Checks that a connector with {@code audit.topic} has a producer to write it: what validation and task start both
     * ask.
     *
     * @throws IllegalArgumentException with a message that starts with {@code audit.topic} and shows no secret
     */
    public static void check(Optional<Path> file, Map<String, String> connectorProps) {
        resolve(file, connectorProps);
    }

    /**
     * The audit producer's client settings and who it logs in as. With the operator's file: the file's settings, with
     * the connector's {@link #LOGIN_OVERRIDE} in place of the file's login when the connector has one; a SASL
     * connection with neither is refused. Without the file: the connector's {@code producer.override.*} settings,
     * which Connect has checked against the worker's client override policy, and which must then include {@code
     * bootstrap.servers}.
     *
     * @throws IllegalArgumentException with a message that starts with {@code audit.topic} and shows no secret
     */
    static AuditClient resolve(Optional<Path> file, Map<String, String> connectorProps) {
        String login = connectorProps.get(LOGIN_OVERRIDE);
        boolean ownLogin = login != null && !login.isBlank();
        if (file.isEmpty()) {
            Map<String, Object> settings = new HashMap<>();
            connectorProps.forEach((key, value) -> {
                if (key.startsWith(PRODUCER_OVERRIDE_PREFIX)) {
                    settings.put(key.substring(PRODUCER_OVERRIDE_PREFIX.length()), value);
                }
            });
            String bootstrap = PRODUCER_OVERRIDE_PREFIX + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG;
            if (connectorProps.getOrDefault(bootstrap, "").isBlank()) {
                throw new IllegalArgumentException(AUDIT_TOPIC_CONFIG + " needs the worker's " + setting()
                        + " or this connector's " + bootstrap
                        + ": receipts are written on the cluster of the operator's audit client file or, without one,"
                        + " with this connector's producer.override.* settings");
            }
            return new AuditClient(
                    settings,
                    ownLogin ? principal(login, "this connector's " + LOGIN_OVERRIDE) : "this connector's producer");
        }
        Map<String, Object> settings;
        try {
            settings = load(file.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(AUDIT_TOPIC_CONFIG + " cannot be written: " + e.getMessage(), e);
        }
        String cluster = ", on the cluster of " + file.get() + " from " + PROPERTY;
        String protocol = String.valueOf(
                        settings.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"))
                .trim();
        if (!protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")) {
            // No SASL login takes part: the connection's principal is the file's (its TLS client certificate, say).
            return new AuditClient(settings, "the principal of the " + protocol + " connection" + cluster);
        }
        if (ownLogin) {
            settings.put(SaslConfigs.SASL_JAAS_CONFIG, login);
            return new AuditClient(settings, principal(login, "this connector's " + LOGIN_OVERRIDE) + cluster);
        }
        Object fileLogin = settings.get(SaslConfigs.SASL_JAAS_CONFIG);
        if (fileLogin == null || fileLogin.toString().isBlank()) {
            throw new IllegalArgumentException(AUDIT_TOPIC_CONFIG + " needs a login for its receipts: this connector's "
                    + LOGIN_OVERRIDE + " (the sink's own principal, as for its dead-letter queue) or a "
                    + SaslConfigs.SASL_JAAS_CONFIG + " in " + file.get() + ", from " + setting()
                    + ", whose security.protocol is " + protocol);
        }
        return new AuditClient(
                settings, principal(fileLogin.toString(), file.get().toString()) + cluster);
    }

    /**
     * Who a JAAS login logs in as, for messages: {@code User:<username>}, as Kafka's default principal builder names a
     * SASL/SCRAM or SASL/PLAIN user, and where the login comes from.
     *
     * @throws IllegalArgumentException naming where the login comes from, never its text, when it does not parse or
     *     names a login module Kafka refuses
     */
    static String principal(String login, String source) {
        List<AppConfigurationEntry> entries;
        try {
            entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(login)))
                    .configurationEntries();
        } catch (IllegalArgumentException | KafkaException e) {
            throw new IllegalArgumentException(AUDIT_TOPIC_CONFIG + " cannot be written: the login of " + source
                    + " is not a JAAS login Kafka can use (" + e.getClass().getSimpleName() + ")");
        }
        String username = JaasContext.configEntryOption(entries, "username", null);
        return username == null ? "the login of " + source : "User:" + username + " (the login of " + source + ")";
    }

    /** The audit producer's client settings, and who it writes as, for messages. */
    record AuditClient(Map<String, Object> settings, String principal) {}
}
