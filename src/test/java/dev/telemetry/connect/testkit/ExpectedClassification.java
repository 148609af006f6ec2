package dev.telemetry.connect.testkit;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.TelemetryGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * The one table of what the shipped rule set (config/telemetry-source.properties) must decide for a generated record,
 * worked out in plain Java from the generated values, independently of the CEL rules it checks.
 */
public enum ExpectedClassification {
    ERROR_LOG("critical", "alert"),
    WARNING_LOG("warning", "alert"),
    SLOW_API("warning", "performance"),
    SLOW_QUERIES("warning", "performance"),
    PURCHASE("info", "revenue"),
    TELEMETRY("info", "telemetry");

    private final String severity;
    private final String category;

    ExpectedClassification(String severity, String category) {
        this.severity = severity;
        this.category = category;
    }

    public String severity() {
        return severity;
    }

    public String category() {
        return category;
    }

    /** Warning or worse: what SeverityAtLeast(warning) routes to the alerts topic. */
    public boolean isAlert() {
        return !severity.equals("info");
    }

    /** The classification of one generated record. */
    public static ExpectedClassification of(TelemetryStream stream, Struct value) {
        switch (stream) {
            case LOGS:
                String level = value.getString(TelemetrySchemas.LEVEL);
                if (level.equals("ERROR")) {
                    return ERROR_LOG;
                }
                return level.equals("WARNING") ? WARNING_LOG : TELEMETRY;
            case API:
                return value.getFloat64(TelemetrySchemas.RESPONSE_TIME) > 2000 ? SLOW_API : TELEMETRY;
            case DATABASE:
                long queries = value.getInt64(TelemetrySchemas.QUERIES);
                long slow = value.getInt64(TelemetrySchemas.SLOW_QUERIES);
                return queries > 0 && (double) slow / queries > 0.01 ? SLOW_QUERIES : TELEMETRY;
            case EVENTS:
                return value.getString(TelemetrySchemas.EVENT_TYPE).equals("purchase") ? PURCHASE : TELEMETRY;
            default:
                return TELEMETRY;
        }
    }

    /** A record of a seeded run: its stream and sequence number. */
    public record StreamSeq(TelemetryStream stream, long seq) {
        @Override
        public String toString() {
            return stream + "#" + seq;
        }
    }

    /** The classification of every record with {@code seq < perStream} a seeded generator emits, in stream order. */
    public static Map<StreamSeq, ExpectedClassification> ofRun(long seed, double anomalyRate, long perStream) {
        TelemetryGenerator generator = new TelemetryGenerator(seed, anomalyRate);
        Map<StreamSeq, ExpectedClassification> expected = new LinkedHashMap<>();
        for (TelemetryStream stream : TelemetryStream.values()) {
            for (long seq = 0; seq < perStream; seq++) {
                expected.put(
                        new StreamSeq(stream, seq),
                        of(stream, generator.generate(stream, seq, 0).value()));
            }
        }
        return expected;
    }
}
