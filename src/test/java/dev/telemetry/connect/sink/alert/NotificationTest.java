package dev.telemetry.connect.sink.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void theKeyKeepsTheOrderOfTheKeyFieldsSoEveryJvmWritesTheSameBytes() {
        Map<String, String> key = new LinkedHashMap<>();
        List<String> fields = List.of("source", "category", "stream", "service", "host", "region", "team", "zone");
        fields.forEach(field -> key.put(field, field + "-value"));
        Instant t0 = Instant.parse("2026-12-07T08:00:00Z");

        Notification notification = new Notification(
                Notification.Kind.FIRING, "logs-0-1", key, 1, t0, t0, t0, "logs", 0, 1, 1, List.of(), null);

        assertThat(notification.key().keySet()).containsExactlyElementsOf(fields);
    }
}
