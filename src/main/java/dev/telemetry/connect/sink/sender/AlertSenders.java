package dev.telemetry.connect.sink.sender;

import java.time.Clock;

import dev.telemetry.connect.sink.AlertSinkConfig;

/** Builds the sender for the configured destination. */
public final class AlertSenders {

    private AlertSenders() {
    }

    public static AlertSender create(AlertSinkConfig config) {
        return switch (config.destination()) {
            case FILE -> new FileAlertSender(config.filePath(), config.getLong(AlertSinkConfig.FILE_ROTATE_BYTES),
                    Clock.systemUTC());
            case WEBHOOK -> new WebhookAlertSender(config);
            case SLACK -> new SlackAlertSender(config);
            case ALERTMANAGER -> new AlertmanagerAlertSender(config);
        };
    }
}
