package dev.telemetry.connect.transforms;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;

/** How InsertProcessedTimestamp writes the processing time. */
enum ProcessingTimeFormat {
    /** A long: milliseconds since the epoch. */
    EPOCH_MILLIS(Schema.OPTIONAL_INT64_SCHEMA) {
        @Override
        Object format(long epochMillis) {
            return epochMillis;
        }
    },
    /** A Connect Timestamp (java.util.Date); converters write it as the logical type. */
    TIMESTAMP(Timestamp.builder().optional().build()) {
        @Override
        Object format(long epochMillis) {
            return new Date(epochMillis);
        }
    },
    /** An ISO-8601 UTC string such as 2026-11-25T10:15:30.123Z. */
    ISO8601(Schema.OPTIONAL_STRING_SCHEMA) {
        @Override
        Object format(long epochMillis) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
        }
    };

    public static final List<String> NAMES =
            Arrays.stream(values()).map(ProcessingTimeFormat::wireName).collect(Collectors.toUnmodifiableList());

    private final Schema schema;

    ProcessingTimeFormat(Schema schema) {
        this.schema = schema;
    }

    /** The (optional) schema of the written field; optional so the evolution stays compatible. */
    Schema schema() {
        return schema;
    }

    abstract Object format(long epochMillis);

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ProcessingTimeFormat parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
