package dev.telemetry.connect.sink.config;

import static dev.telemetry.connect.sink.config.AlertSinkConfig.ALERTMANAGER_URLS_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.DEFAULT_MAX_POLL_INTERVAL_MS;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.DESTINATION_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.FILE_PATH_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.HTTP_REQUEST_TIMEOUT_MS_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.MAX_POLL_INTERVAL_OVERRIDE;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.PUT_MAX_TIME_MS_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.RETRY_BACKOFF_MAX_MS_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.RETRY_BACKOFF_MS_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.SLACK_WEBHOOK_URL_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.WEBHOOK_AUTH_TOKEN_CONFIG;
import static dev.telemetry.connect.sink.config.AlertSinkConfig.WEBHOOK_URL_CONFIG;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.common.http.HttpPeerKeys;
import dev.telemetry.connect.common.http.SslContexts;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.sink.audit.AuditClientConfig;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/** The checks of {@code AlertSinkConnector}'s configuration across keys, one method per rule. */
public final class AlertSinkValidator extends ConnectorConfigValidator {

    private static final String TRUSTSTORE_PATH = HttpPeerKeys.TRUSTSTORE_PATH.name();
    private static final String TRUSTSTORE_PASSWORD = HttpPeerKeys.TRUSTSTORE_PASSWORD.name();
    private static final String TRUSTSTORE_TYPE = HttpPeerKeys.TRUSTSTORE_TYPE.name();
    private static final String KEYSTORE_PATH = HttpPeerKeys.KEYSTORE_PATH.name();
    private static final String KEYSTORE_PASSWORD = HttpPeerKeys.KEYSTORE_PASSWORD.name();
    private static final String KEYSTORE_TYPE = HttpPeerKeys.KEYSTORE_TYPE.name();
    private static final String BASIC_AUTH_USER = HttpPeerKeys.BASIC_AUTH_USER.name();
    private static final String BASIC_AUTH_PASSWORD = HttpPeerKeys.BASIC_AUTH_PASSWORD.name();

    public AlertSinkValidator() {
        super(AlertSinkConfig.CONFIG_DEF);
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        putTimeStaysBelowPollInterval(validation);
        backoffWithinMaximum(validation);
        destinationHasItsKeys(validation);
        credentialsFitDestination(validation);
        tlsStoresCanBeUsed(validation);
        auditHasAProducer(validation);
        IncidentRules.check(validation);
        OperatorPolicy.ofWorker(validation, DESTINATION_CONFIG)
                .ifPresent(policy -> destinationIsAllowed(validation, policy));
        ClassifyEventChainValidator.check(validation);
    }

    /**
     * A put may run {@code put.max.time.ms} plus one attempt that started just before the end: together they must stay
     * below the consumer's poll interval, or the worker's consumer is evicted and another task sends the same alerts.
     */
    static void putTimeStaysBelowPollInterval(ConfigValidation validation) {
        Object putMaxTime = validation.value(PUT_MAX_TIME_MS_CONFIG);
        Object requestTimeout = validation.value(HTTP_REQUEST_TIMEOUT_MS_CONFIG);
        Destination destination = destination(validation);
        if (!(putMaxTime instanceof Long) || !(requestTimeout instanceof Long) || destination == null) {
            return;
        }
        String maxPollIntervalOverride = validation.props().get(MAX_POLL_INTERVAL_OVERRIDE);
        long maxPollInterval = DEFAULT_MAX_POLL_INTERVAL_MS;
        String pollSource = "Kafka's default";
        if (maxPollIntervalOverride != null) {
            try {
                maxPollInterval = Long.parseLong(maxPollIntervalOverride.trim());
                pollSource = MAX_POLL_INTERVAL_OVERRIDE;
            } catch (NumberFormatException e) {
                validation.addError(
                        MAX_POLL_INTERVAL_OVERRIDE + " '" + maxPollIntervalOverride + "' is not a number",
                        PUT_MAX_TIME_MS_CONFIG);
                return;
            }
        }
        long attempt = 0;
        String attemptText = "";
        if (destination != Destination.FILE) {
            Object urls = validation.value(ALERTMANAGER_URLS_CONFIG);
            int requests = destination == Destination.ALERTMANAGER && urls instanceof List<?> list && !list.isEmpty()
                    ? list.size()
                    : 1;
            attempt = Math.multiplyExact(2L * requests, (Long) requestTimeout);
            attemptText = " plus the longest single attempt (" + attempt + " ms: 2 x " + HTTP_REQUEST_TIMEOUT_MS_CONFIG
                    + (requests > 1 ? " x " + requests + " Alertmanager URLs" : "") + ")";
        }
        if ((Long) putMaxTime + attempt < maxPollInterval) {
            return;
        }
        String message = PUT_MAX_TIME_MS_CONFIG + " (" + putMaxTime + " ms)" + attemptText
                + " must stay below the consumer's max.poll.interval.ms (" + maxPollInterval + " ms, " + pollSource
                + "): lower " + PUT_MAX_TIME_MS_CONFIG + (attempt > 0 ? " or " + HTTP_REQUEST_TIMEOUT_MS_CONFIG : "")
                + ", or raise " + MAX_POLL_INTERVAL_OVERRIDE;
        if (attempt > 0) {
            validation.addError(message, PUT_MAX_TIME_MS_CONFIG, HTTP_REQUEST_TIMEOUT_MS_CONFIG);
        } else {
            validation.addError(message, PUT_MAX_TIME_MS_CONFIG);
        }
    }

    static void backoffWithinMaximum(ConfigValidation validation) {
        Object backoff = validation.value(RETRY_BACKOFF_MS_CONFIG);
        Object backoffMax = validation.value(RETRY_BACKOFF_MAX_MS_CONFIG);
        if (backoff instanceof Long && backoffMax instanceof Long && (Long) backoff > (Long) backoffMax) {
            validation.addError(
                    RETRY_BACKOFF_MS_CONFIG + " (" + backoff + ") must not exceed " + RETRY_BACKOFF_MAX_MS_CONFIG + " ("
                            + backoffMax + ")",
                    RETRY_BACKOFF_MS_CONFIG,
                    RETRY_BACKOFF_MAX_MS_CONFIG);
        }
    }

    /** Each destination's own keys, which are optional for the others, are required for it. */
    static void destinationHasItsKeys(ConfigValidation validation) {
        Destination destination = destination(validation);
        if (destination == null) {
            return;
        }
        switch (destination) {
            case FILE -> {
                String fileError = fileError((String) validation.value(FILE_PATH_CONFIG));
                if (fileError != null) {
                    validation.addError(fileError, FILE_PATH_CONFIG);
                }
            }
            case WEBHOOK -> requireNonEmpty(validation, WEBHOOK_URL_CONFIG, destination);
            case SLACK -> requireNonEmpty(validation, SLACK_WEBHOOK_URL_CONFIG, destination);
            case ALERTMANAGER -> {
                if (validation.value(ALERTMANAGER_URLS_CONFIG) instanceof List<?> urls && urls.isEmpty()) {
                    validation.addError(
                            ALERTMANAGER_URLS_CONFIG + " is required when destination=alertmanager",
                            ALERTMANAGER_URLS_CONFIG,
                            DESTINATION_CONFIG);
                }
            }
        }
    }

    /**
     * Basic credentials go to the webhook or Alertmanager (Slack's URL is its credential), a password needs its user,
     * and only one credential may set the Authorization header; TLS stores mean nothing to the file destination.
     */
    static void credentialsFitDestination(ConfigValidation validation) {
        Destination destination = destination(validation);
        // The raw value: a user its own check refused is still a user, not a password without one.
        String user = validation.props().get(BASIC_AUTH_USER);
        boolean hasUser = user != null && !user.isEmpty();
        boolean hasPassword =
                validation.value(BASIC_AUTH_PASSWORD) instanceof Password password && HttpPeerKeys.isSet(password);
        if (hasPassword && !hasUser) {
            validation.addError(
                    BASIC_AUTH_PASSWORD + " is set without " + BASIC_AUTH_USER, BASIC_AUTH_USER, BASIC_AUTH_PASSWORD);
        }
        if (destination == null) {
            return;
        }
        if ((hasUser || hasPassword) && destination != Destination.WEBHOOK && destination != Destination.ALERTMANAGER) {
            validation.addError(
                    "Basic authentication is for destination=webhook or alertmanager, not " + destination.configName(),
                    BASIC_AUTH_USER,
                    DESTINATION_CONFIG);
        }
        if (hasUser
                && destination == Destination.WEBHOOK
                && validation.value(WEBHOOK_AUTH_TOKEN_CONFIG) instanceof Password token
                && HttpPeerKeys.isSet(token)) {
            validation.addError(
                    "Set either " + WEBHOOK_AUTH_TOKEN_CONFIG + " or " + BASIC_AUTH_USER
                            + ": both would be sent as the Authorization header",
                    WEBHOOK_AUTH_TOKEN_CONFIG,
                    BASIC_AUTH_USER);
        }
        if (destination == Destination.FILE) {
            for (String key : List.of(TRUSTSTORE_PATH, KEYSTORE_PATH)) {
                if (validation.value(key) instanceof String path && !path.isBlank()) {
                    validation.addError(key + " is for the https destinations, not destination=file", key);
                }
            }
        }
    }

    /**
     * The trust store and key store must be readable under the operator's read policy and open with their passwords:
     * refused here on the store's keys, not at the first alert. Messages never include a password.
     */
    static void tlsStoresCanBeUsed(ConfigValidation validation) {
        TlsStores stores = new TlsStores(
                validation.value(TRUSTSTORE_PATH) instanceof String path ? path : null,
                validation.value(TRUSTSTORE_PASSWORD) instanceof Password password ? password : null,
                validation.value(TRUSTSTORE_TYPE) instanceof String type ? type : "PKCS12",
                validation.value(KEYSTORE_PATH) instanceof String path ? path : null,
                validation.value(KEYSTORE_PASSWORD) instanceof Password password ? password : null,
                validation.value(KEYSTORE_TYPE) instanceof String type ? type : "PKCS12");
        try {
            SslContexts.create(stores);
        } catch (SslContexts.StoreException e) {
            if (e.keystore()) {
                validation.addError(e.getMessage(), KEYSTORE_PATH, KEYSTORE_PASSWORD);
            } else {
                validation.addError(e.getMessage(), TRUSTSTORE_PATH, TRUSTSTORE_PASSWORD);
            }
        }
    }

    /**
     * Receipts are written on the cluster of the client file the worker's operator names, as the sink's own principal
     * ({@link AuditClientConfig}): the file must be usable and, on SASL, the connector or the file must have a login;
     * without the file, the connector's {@code producer.override.*} settings (a task does not see the worker's) must
     * say where the cluster is.
     */
    static void auditHasAProducer(ConfigValidation validation) {
        auditHasAProducer(validation, AuditClientConfig.ofWorker());
    }

    static void auditHasAProducer(ConfigValidation validation, Optional<Path> clientConfig) {
        if (!(validation.value(AlertSinkConfig.AUDIT_TOPIC_CONFIG) instanceof String topic) || topic.isEmpty()) {
            return;
        }
        try {
            AuditClientConfig.check(clientConfig, validation.props());
        } catch (IllegalArgumentException e) {
            validation.addError(e.getMessage(), AlertSinkConfig.AUDIT_TOPIC_CONFIG);
        }
    }

    /**
     * The file to write, or every host to call, must be one the worker's operator allows ({@link OperatorPolicy}):
     * whoever can create a connector must not make the worker overwrite its own files or call a metadata service.
     */
    static void destinationIsAllowed(ConfigValidation validation, OperatorPolicy policy) {
        Destination destination = destination(validation);
        if (destination == null) {
            return;
        }
        switch (destination) {
            case FILE -> {
                if (validation.value(FILE_PATH_CONFIG) instanceof String text && !text.isBlank()) {
                    try {
                        policy.writePaths()
                                .refusal(Path.of(text).toAbsolutePath())
                                .ifPresent(reason -> validation.addError(reason, FILE_PATH_CONFIG));
                    } catch (InvalidPathException e) {
                        // destinationHasItsKeys reports it.
                    }
                }
            }
            case WEBHOOK -> hostAllowed(validation, WEBHOOK_URL_CONFIG, policy);
            case SLACK -> hostAllowed(validation, SLACK_WEBHOOK_URL_CONFIG, policy);
            case ALERTMANAGER -> hostAllowed(validation, ALERTMANAGER_URLS_CONFIG, policy);
        }
    }

    /** Refuses a URL key whose host resolves to an address outside the operator's networks; never shows the URL. */
    private static void hostAllowed(ConfigValidation validation, String key, OperatorPolicy policy) {
        Object value = validation.value(key);
        List<?> urls = value instanceof List<?> list
                ? list
                : value instanceof Password password ? List.of(password.value()) : List.of();
        for (Object url : urls) {
            String host = HttpOrigin.hostOf(url.toString());
            if (host != null) {
                policy.networks().hostRefusal(host).ifPresent(reason -> validation.addError(reason, key));
            }
        }
    }

    /** The destination, or null when the key did not pass its own check. */
    private static Destination destination(ConfigValidation validation) {
        Object name = validation.value(DESTINATION_CONFIG);
        return name instanceof String text && Destination.NAMES.contains(text.toLowerCase(Locale.ROOT))
                ? Destination.parse(text)
                : null;
    }

    private static void requireNonEmpty(ConfigValidation validation, String key, Destination destination) {
        Object value = validation.value(key);
        if (value instanceof Password password) {
            value = password.value();
        }
        if (value instanceof String text && text.isBlank()) {
            validation.addError(
                    key + " is required when destination=" + destination.configName(), key, DESTINATION_CONFIG);
        }
    }

    private static String fileError(String pathText) {
        if (pathText == null || pathText.isBlank()) {
            return FILE_PATH_CONFIG + " is required when destination=file";
        }
        Path path;
        try {
            path = Path.of(pathText).toAbsolutePath();
        } catch (InvalidPathException e) {
            return FILE_PATH_CONFIG + " '" + pathText + "' is not a valid path: " + e.getMessage();
        }
        Path parent = path.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return FILE_PATH_CONFIG + " '" + pathText + "': directory " + parent + " does not exist";
        }
        if (!Files.isWritable(parent)) {
            return FILE_PATH_CONFIG + " '" + pathText + "': directory " + parent + " is not writable";
        }
        if (Files.exists(path) && (!Files.isRegularFile(path) || !Files.isWritable(path))) {
            return FILE_PATH_CONFIG + " '" + pathText + "' exists but is not a writable regular file";
        }
        return null;
    }
}
