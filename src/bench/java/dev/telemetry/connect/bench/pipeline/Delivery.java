package dev.telemetry.connect.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One alert as it reached its destination: its id ({@code topic-partition-offset} of its record), its event time, the
 * time the source task processed it ({@link #NONE} when the destination's payload does not carry it), and when it
 * arrived.
 */
record Delivery(String id, long eventTimeMs, long processedTimeMs, long deliveredAtMs) {

    static final long NONE = Long.MIN_VALUE;

    /** An alert as the file and webhook destinations write it ({@code AlertJson}). */
    static Delivery fromAlertJson(JsonNode alert, long deliveredAtMs) {
        JsonNode processed = alert.get("processed_time");
        return new Delivery(
                alert.get("id").asText(),
                Instant.parse(alert.get("event_time").asText()).toEpochMilli(),
                processed == null ? NONE : Instant.parse(processed.asText()).toEpochMilli(),
                deliveredAtMs);
    }
}
