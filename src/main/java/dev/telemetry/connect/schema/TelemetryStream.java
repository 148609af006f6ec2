package dev.telemetry.connect.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;

/**
 * The six telemetry streams. Each has a stable wire name (the {@code stream} field, the source partition, the
 * {@code streams} config value), a topic kind and a value schema.
 */
public enum TelemetryStream {
    WEB("web", TopicKind.METRICS, TelemetrySchemas.WEB_ANALYTICS),
    MOBILE("mobile", TopicKind.METRICS, TelemetrySchemas.MOBILE_APP),
    API("api", TopicKind.METRICS, TelemetrySchemas.API_USAGE),
    DATABASE("database", TopicKind.METRICS, TelemetrySchemas.DATABASE_METRICS),
    LOGS("logs", TopicKind.LOGS, TelemetrySchemas.APPLICATION_LOG),
    EVENTS("events", TopicKind.EVENTS, TelemetrySchemas.USER_EVENT);

    /** All wire names, in declaration order. */
    public static final List<String> NAMES =
            Arrays.stream(values()).map(TelemetryStream::wireName).collect(Collectors.toUnmodifiableList());

    private final String wireName;
    private final TopicKind topicKind;
    private final Schema valueSchema;

    TelemetryStream(String wireName, TopicKind topicKind, Schema valueSchema) {
        this.wireName = wireName;
        this.topicKind = topicKind;
        this.valueSchema = valueSchema;
    }

    public String wireName() {
        return wireName;
    }

    public TopicKind topicKind() {
        return topicKind;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    /** Parses a wire name, case-insensitively; throws naming the accepted values otherwise. */
    public static TelemetryStream parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (TelemetryStream s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown stream '" + text + "'; expected one of " + NAMES);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
