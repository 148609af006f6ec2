package dev.telemetry.connect.common.time;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * The one event-time parser of the bundle. Accepted forms:
 * <ul>
 *   <li>a Connect {@code Timestamp} or {@code Date} logical value ({@link Date});
 *   <li>an integer (int8 to int64) of epoch milliseconds;
 *   <li>a string: an ISO-8601 date-time with a zone offset ({@code 2026-11-25T10:15:30Z},
 *       {@code 2026-11-25T11:15:30.250+01:00}), or decimal digits of epoch milliseconds ({@code 1764065730000}).
 * </ul>
 * Anything else (a float, a date-time without an offset, a Struct) is not an event time: the caller decides whether
 * that is an error (the transforms) or falls back to the record timestamp (the sink).
 */
public final class EventTime {

    /** The accepted forms in one line, for error messages and config documentation. */
    public static final String ACCEPTED_FORMS = "a Timestamp/Date, epoch milliseconds (an integer, or a string of "
            + "digits) or an ISO-8601 date-time with an offset (e.g. 2026-11-25T10:15:30Z)";

    private EventTime() {}

    /**
     * The instant {@code value} stands for.
     *
     * @throws IllegalArgumentException when {@code value} is null or none of the accepted forms; the message says
     *     what arrived and what is accepted
     */
    public static Instant parse(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Instant.ofEpochMilli(((Number) value).longValue());
        }
        if (value instanceof String text) {
            String trimmed = text.trim();
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9') && trimmed.length() <= 18) {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            try {
                return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(trimmed));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected " + ACCEPTED_FORMS + ", but got '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException("expected " + ACCEPTED_FORMS + ", but got "
                + (value == null ? "no value" : "a " + value.getClass().getName()));
    }

    /** The instant {@code value} stands for, or {@code null} when it is null or none of the accepted forms. */
    public static Instant parseOrNull(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException notATime) {
            return null;
        }
    }
}
