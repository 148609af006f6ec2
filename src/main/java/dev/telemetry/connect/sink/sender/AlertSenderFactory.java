package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.http.HttpPeerKeys;
import dev.telemetry.connect.common.http.HttpTransport;
import dev.telemetry.connect.common.http.HttpTransportConfig;
import dev.telemetry.connect.common.http.SslContexts;
import dev.telemetry.connect.common.retry.Sleeper;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.Destination;
import java.time.Clock;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the sender for the configured destination from plain values; the only sender code that reads the config,
 * and the one place an HTTP sender's transport is made.
 */
public final class AlertSenderFactory {

    private AlertSenderFactory() {}

    public static AlertSender create(AlertSinkConfig config) {
        Clock clock = Clock.systemUTC();
        if (config.destination() == Destination.FILE) {
            return fileSender(config);
        }
        HttpTransport transport;
        try {
            transport = HttpTransportConfig.transport(config, config.tlsStores(), config.authorization());
        } catch (SslContexts.StoreException e) {
            // Checked on the task's own worker too: its operator policy may be narrower than the connector's.
            throw new ConfigException(storeKey(e) + ": " + e.getMessage());
        }
        return switch (config.destination()) {
            case FILE -> fileSender(config);
            case WEBHOOK -> new WebhookAlertSender(config.webhookUri(), config.webhookHeaders(), transport);
            case SLACK ->
                new SlackAlertSender(
                        config.slackWebhookUri(),
                        config.duration(AlertSinkConfig.SLACK_MIN_INTERVAL_MS_CONFIG),
                        transport,
                        clock,
                        Sleeper.THREAD);
            case ALERTMANAGER ->
                new AlertmanagerAlertSender(
                        config.alertmanagerUris(),
                        config.getString(AlertSinkConfig.ALERTMANAGER_ALERTNAME_CONFIG),
                        config.duration(AlertSinkConfig.RESOLVE_TIMEOUT_MS_CONFIG),
                        transport,
                        clock);
        };
    }

    private static AlertSender fileSender(AlertSinkConfig config) {
        // Checked on the task's own worker too: its operator policy may be narrower than the connector's.
        OperatorPolicy.ofWorker()
                .writePaths()
                .refusal(config.filePath().toAbsolutePath())
                .ifPresent(reason -> {
                    throw new ConfigException(AlertSinkConfig.FILE_PATH_CONFIG + ": " + reason);
                });
        return new FileAlertSender(config.filePath(), config.getLong(AlertSinkConfig.FILE_ROTATE_BYTES_CONFIG));
    }

    private static String storeKey(SslContexts.StoreException e) {
        return (e.keystore() ? HttpPeerKeys.KEYSTORE_PATH : HttpPeerKeys.TRUSTSTORE_PATH).name();
    }
}
