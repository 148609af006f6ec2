package dev.telemetry.connect.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.TelemetryGenerator;

/**
 * What the shipped rule set (config/telemetry-source.properties) must make of a seeded run, worked out in plain Java
 * from the generator, independently of the CEL rules it checks.
 */
public final class ExpectedAlerts {

    /** Severity and category the rules give a record. */
    public record Classification(String severity, String category) {
    }

    private ExpectedAlerts() {
    }

    /** The classification of every record with {@code seq < perStream}, keyed by "stream/seq". */
    public static Map<String, Classification> of(long seed, double anomalyRate, long perStream) {
        TelemetryGenerator generator = new TelemetryGenerator(seed, anomalyRate);
        Map<String, Classification> expected = new LinkedHashMap<>();
        for (TelemetryStream stream : TelemetryStream.values()) {
            for (long seq = 0; seq < perStream; seq++) {
                Struct value = generator.generate(stream, seq, 0).value();
                expected.put(stream.wireName() + "/" + seq, classify(stream, value));
            }
        }
        return expected;
    }

    static Classification classify(TelemetryStream stream, Struct value) {
        switch (stream) {
            case LOGS -> {
                String level = value.getString(TelemetrySchemas.LEVEL);
                if (level.equals("ERROR")) {
                    return new Classification("critical", "alert");
                }
                if (level.equals("WARNING")) {
                    return new Classification("warning", "alert");
                }
            }
            case API -> {
                if (value.getFloat64(TelemetrySchemas.RESPONSE_TIME) > 2000) {
                    return new Classification("warning", "performance");
                }
            }
            case DATABASE -> {
                long queries = value.getInt64(TelemetrySchemas.QUERIES);
                if (queries > 0 && value.getInt64(TelemetrySchemas.SLOW_QUERIES) / (double) queries > 0.01) {
                    return new Classification("warning", "performance");
                }
            }
            case EVENTS -> {
                if (value.getString(TelemetrySchemas.EVENT_TYPE).equals("purchase")) {
                    return new Classification("info", "revenue");
                }
            }
            default -> {
            }
        }
        return new Classification("info", "telemetry");
    }

    public static boolean isAlert(Classification classification) {
        return !classification.severity().equals("info");
    }
}
