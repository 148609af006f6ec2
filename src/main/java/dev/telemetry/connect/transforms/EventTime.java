package dev.telemetry.connect.transforms;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.apache.kafka.connect.errors.DataException;

/** Reads an event time, in epoch milliseconds, from a field value of one of the accepted shapes. */
final class EventTime {

    private EventTime() {
    }

    /**
     * Accepts a Connect Timestamp or Date ({@link Date}), an integer of epoch milliseconds, or an ISO-8601 string with
     * an offset ({@code 2026-11-25T10:15:30Z}, {@code 2026-11-25T11:15:30+01:00}).
     */
    static long toEpochMillis(Object value, FieldPath path, String transform) {
        if (value instanceof Date) {
            return ((Date) value).getTime();
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof String) {
            try {
                return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse((String) value)).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new DataException(transform + " expects the event time field '" + path
                        + "' to be an ISO-8601 date-time with an offset (e.g. 2026-11-25T10:15:30Z), but got '"
                        + value + "'", e);
            }
        }
        throw new DataException(transform + " expects the event time field '" + path + "' to hold a Timestamp/Date, "
                + "epoch milliseconds (int64) or an ISO-8601 string, but got "
                + (value == null ? "no value" : "a " + value.getClass().getName()));
    }
}
