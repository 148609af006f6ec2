package dev.telemetry.connect.sink.incident;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.AlertFactory;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.IncidentKeys.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts of classified log records for the incident tests, and settings with test-sized durations. */
final class IncidentFeed {

    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static final AlertFactory FACTORY =
            new AlertFactory(new AlertSinkConfig(Map.of("destination", "file", "file.path", "/tmp/a.jsonl")), () -> T0);

    private IncidentFeed() {}

    /** A record of {@code service} at {@code offset} of partition {@code partition}, {@code atMs} after T0. */
    static Alert alert(int partition, long offset, String severity, String service, long atMs) {
        return FACTORY.create(SinkRecords.log(
                "logs", partition, offset, severity, service, "boom " + offset, T0.toEpochMilli() + atMs));
    }

    static IncidentSettings settings(Condition condition) {
        return new IncidentSettings(
                condition,
                List.of("category", "source"),
                Severity.WARNING,
                3,
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                1,
                Duration.ofMinutes(2),
                Duration.ZERO,
                Duration.ofHours(1),
                100,
                2);
    }

    static Instant at(long ms) {
        return T0.plusMillis(ms);
    }
}
