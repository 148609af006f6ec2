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
            case WEBHOOK, SLACK, ALERTMANAGER -> throw new UnsupportedOperationException(
                    "HTTP destinations are merged from branch sink-http");
        };
    }
}
