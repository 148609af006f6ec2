package dev.telemetry.connect.sink.alert;

import dev.telemetry.connect.common.record.FieldPath;
import dev.telemetry.connect.common.record.RecordHeaders;
import dev.telemetry.connect.common.record.ValueText;
import dev.telemetry.connect.common.time.EventTime;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.SharedKeys;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.AlertTemplate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns one record into one {@link Alert}. Any shape is accepted: a Struct or a schemaless Map (severity and category
 * from a field or a header, as ClassifyEvent writes them), or a plain string, which becomes the message. A record that
 * cannot become an alert (a tombstone, a number, an unknown severity) gets a {@link DataException} saying why, so the
 * task can report it to the dead-letter queue.
 */
public final class AlertFactory {

    private static final int SUMMARY_MAX_LENGTH = 200;

    private final Severity defaultSeverity;
    private final String defaultCategory;
    private final String severityField;
    private final String severityHeader;
    private final String categoryField;
    private final String categoryHeader;
    private final List<String> sourceFields;
    private final String messageField;
    private final AlertTemplate summaryTemplate;
    private final AlertTemplate descriptionTemplate;
    private final AlertTemplate linkTemplate;
    private final List<String> labelFields;
    private final String eventTimeField;
    private final String processedTimeField;
    private final Supplier<Instant> clock;
    private final boolean rendersTemplates;

    public AlertFactory(AlertSinkConfig config, Supplier<Instant> clock) {
        this.defaultSeverity = config.defaultSeverity();
        this.defaultCategory = config.getString(SharedKeys.DEFAULT_CATEGORY.name());
        this.severityField = config.getString(SharedKeys.SEVERITY_FIELD.name());
        this.severityHeader = config.getString(SharedKeys.SEVERITY_HEADER.name());
        this.categoryField = config.getString(SharedKeys.CATEGORY_FIELD.name());
        this.categoryHeader = config.getString(SharedKeys.CATEGORY_HEADER.name());
        this.sourceFields = config.getList(AlertSinkConfig.SOURCE_FIELDS_CONFIG);
        this.messageField = config.getString(AlertSinkConfig.MESSAGE_FIELD_CONFIG);
        this.summaryTemplate = config.summaryTemplate();
        this.descriptionTemplate = config.descriptionTemplate();
        this.linkTemplate = config.linkTemplate();
        this.labelFields = config.getList(AlertSinkConfig.LABELS_FIELDS_CONFIG);
        this.eventTimeField = config.getString(SharedKeys.EVENT_TIME_FIELD.name());
        this.processedTimeField = config.getString(SharedKeys.PROCESSED_TIME_FIELD.name());
        this.clock = clock;
        this.rendersTemplates = summaryTemplate != null || descriptionTemplate != null || linkTemplate != null;
    }

    public Alert create(SinkRecord record) {
        Object value = record.value();
        if (value == null) {
            throw new DataException("Record " + coordinates(record) + " has a null value (a tombstone); an alert needs "
                    + "a Struct, a Map or a string");
        }
        if (value instanceof String text) {
            value = Map.of(messageField, text);
        } else if (!(value instanceof Struct) && !(value instanceof Map)) {
            throw new DataException("Record " + coordinates(record) + " has a value of type "
                    + value.getClass().getName() + "; an alert needs a Struct, a Map or a string");
        }
        Object root = value;

        Severity severity = severity(record, root);
        String category = firstText(
                FieldPath.read(root, categoryField), RecordHeaders.lastValue(record, categoryHeader), defaultCategory);
        String source = sourceOf(record, root);
        // The consumed coordinates, not the ones the sink's own transforms may have rewritten: two records routed to
        // one topic name must not share an id, and a redelivered record must get its id back.
        String id = Alert.idOf(record.originalTopic(), record.originalKafkaPartition(), record.originalKafkaOffset());
        // Built only when a template will read it: a capturing lambda per record showed in the sink's profile.
        Function<String, Object> lookup = !rendersTemplates
                ? null
                : path -> switch (path) {
                    case "id" -> id;
                    case "severity" -> severity.wireName();
                    case "category" -> category;
                    case "source" -> source;
                    case "topic" -> record.topic();
                    case "partition" -> record.kafkaPartition();
                    case "offset" -> record.kafkaOffset();
                    default -> FieldPath.read(root, path);
                };

        String message = ValueText.orNull(FieldPath.read(root, messageField));
        String summary = summaryTemplate != null
                ? summaryTemplate.render(lookup)
                : message != null && !message.isBlank()
                        ? firstLine(message)
                        : severity.wireName() + " " + category + " alert from " + source;
        String description = descriptionTemplate != null
                ? descriptionTemplate.render(lookup)
                : message != null && !message.isBlank() ? message : fieldLines(root);

        Instant eventTime = EventTime.parseOrNull(FieldPath.read(root, eventTimeField));
        if (eventTime == null) {
            eventTime = record.timestamp() != null ? Instant.ofEpochMilli(record.timestamp()) : clock.get();
        }
        Instant processedTime = EventTime.parseOrNull(FieldPath.read(root, processedTimeField));
        String link = linkTemplate == null ? null : linkTemplate.renderLink(lookup);

        return new Alert(
                id,
                severity,
                category,
                source,
                truncate(summary),
                description,
                labels(root),
                eventTime,
                processedTime,
                1,
                eventTime,
                List.of(record),
                link);
    }

    private Severity severity(SinkRecord record, Object root) {
        Object text = FieldPath.read(root, severityField);
        boolean fromHeader = text == null;
        if (fromHeader) {
            text = RecordHeaders.lastValue(record, severityHeader);
        }
        if (text == null) {
            return defaultSeverity;
        }
        Severity severity = Severity.parseOrNull(ValueText.orNull(text));
        if (severity == null) {
            // The origin is spelled out only here: building it for every record showed in the sink's profile.
            String origin = fromHeader ? "header '" + severityHeader + "'" : "field '" + severityField + "'";
            throw new DataException("Record " + coordinates(record) + " has severity '" + ValueText.orNull(text)
                    + "' in its " + origin + "; expected one of " + Severity.NAMES);
        }
        return severity;
    }

    private String sourceOf(SinkRecord record, Object root) {
        for (String field : sourceFields) {
            String text = ValueText.orNull(FieldPath.read(root, field));
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return record.topic();
    }

    private Map<String, String> labels(Object root) {
        if (labelFields.isEmpty()) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String path : labelFields) {
            Object value = FieldPath.read(root, path);
            if (value != null) {
                labels.put(labelName(path), ValueText.display(value));
            }
        }
        return Collections.unmodifiableMap(labels);
    }

    /**
     * A readable description of a record without a message: its non-null top-level fields as {@code name: value}
     * lines, in schema (or map) order, values as {@link ValueText#display} shows them. The record itself travels with
     * the alert once, as its {@code record}; the description does not repeat it as JSON.
     */
    static String fieldLines(Object root) {
        StringBuilder lines = new StringBuilder();
        if (root instanceof Struct struct) {
            for (Field field : struct.schema().fields()) {
                appendLine(lines, field.name(), struct.get(field));
            }
        } else {
            ((Map<?, ?>) root).forEach((name, value) -> appendLine(lines, String.valueOf(name), value));
        }
        return lines.toString();
    }

    private static void appendLine(StringBuilder lines, String name, Object value) {
        if (value != null) {
            lines.append(lines.length() == 0 ? "" : "\n")
                    .append(name)
                    .append(": ")
                    .append(ValueText.display(value));
        }
    }

    /** A label name as Prometheus accepts it: {@code [A-Za-z_][A-Za-z0-9_]*}. */
    static String labelName(String path) {
        String name = path.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }

    private static String firstText(Object field, Object header, String fallback) {
        String text = ValueText.orNull(field != null ? field : header);
        return text == null || text.isBlank() ? fallback : text;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String truncate(String summary) {
        return summary.length() <= SUMMARY_MAX_LENGTH ? summary : summary.substring(0, SUMMARY_MAX_LENGTH - 1) + "…";
    }

    private static String coordinates(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
