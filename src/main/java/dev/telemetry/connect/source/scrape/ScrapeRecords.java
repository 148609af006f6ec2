package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.schema.TelemetrySchemas;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns a scrape outcome into records keyed by the target's source: one snapshot, or one record per sample. Every
 * record of a scrape carries the same source partition (the target) and offset (the scrape time).
 */
public final class ScrapeRecords {

    static final String PARTITION_TARGET_KEY = "target";
    static final String OFFSET_SCRAPE_TIME_KEY = "scrape_time_ms";

    private final String topic;
    private final boolean samplesFormat;

    public ScrapeRecords(String topic, boolean samplesFormat) {
        this.topic = topic;
        this.samplesFormat = samplesFormat;
    }

    public static Map<String, String> partition(String targetName) {
        return Map.of(PARTITION_TARGET_KEY, targetName);
    }

    public List<SourceRecord> records(ScrapeOutcome outcome) {
        return samplesFormat ? samples(outcome) : List.of(snapshot(outcome));
    }

    private SourceRecord snapshot(ScrapeOutcome outcome) {
        Struct value = common(ScrapeSchemas.SNAPSHOT, outcome)
                .put(ScrapeSchemas.SCRAPE_ERROR, outcome.error())
                .put(ScrapeSchemas.SAMPLES_SCRAPED, outcome.samples().size())
                .put(ScrapeSchemas.BAD_LINES, outcome.badLines());
        if (outcome.up()) {
            Map<String, Double> metrics = new TreeMap<>();
            for (Sample sample : outcome.samples()) {
                if (Double.isFinite(sample.value())) {
                    metrics.put(sample.seriesId(), sample.value());
                }
            }
            value.put(ScrapeSchemas.METRICS, metrics)
                    .put(ScrapeSchemas.RATES, new TreeMap<>(outcome.changes().rates()))
                    .put(ScrapeSchemas.QUANTILES, new TreeMap<>(outcome.quantiles()));
            outcome.mapped().forEach(value::put);
        }
        if (!outcome.changes().stale().isEmpty()) {
            value.put(
                    ScrapeSchemas.STALE,
                    outcome.changes().stale().stream().map(Sample::seriesId).toList());
        }
        return record(outcome, ScrapeSchemas.SNAPSHOT, value);
    }

    private List<SourceRecord> samples(ScrapeOutcome outcome) {
        List<SourceRecord> records = new ArrayList<>(outcome.samples().size() + 2);
        records.add(sample(outcome, ScrapeSchemas.UP, MetricType.GAUGE, Map.of(), outcome.up() ? 1 : 0, null, false));
        records.add(sample(
                outcome,
                ScrapeSchemas.SCRAPE_DURATION_SECONDS,
                MetricType.GAUGE,
                Map.of(),
                outcome.durationSeconds(),
                null,
                false));
        for (Sample sample : outcome.samples()) {
            records.add(sample(
                    outcome,
                    sample.name(),
                    sample.type(),
                    sample.labels(),
                    sample.value(),
                    outcome.changes().rates().get(sample.seriesId()),
                    false));
        }
        for (Sample stale : outcome.changes().stale()) {
            records.add(sample(outcome, stale.name(), stale.type(), stale.labels(), Double.NaN, null, true));
        }
        return records;
    }

    private SourceRecord sample(
            ScrapeOutcome outcome,
            String name,
            MetricType type,
            Map<String, String> labels,
            double value,
            Double rate,
            boolean stale) {
        return record(outcome, ScrapeSchemas.SAMPLE, sampleValue(outcome, name, type, labels, value, rate, stale));
    }

    private static Struct sampleValue(
            ScrapeOutcome outcome,
            String name,
            MetricType type,
            Map<String, String> labels,
            double value,
            Double rate,
            boolean stale) {
        return common(ScrapeSchemas.SAMPLE, outcome)
                .put(ScrapeSchemas.NAME, name)
                .put(ScrapeSchemas.TYPE, type.wireName())
                .put(ScrapeSchemas.SAMPLE_LABELS, new LinkedHashMap<>(labels))
                .put(ScrapeSchemas.VALUE, Double.isFinite(value) ? value : null)
                .put(ScrapeSchemas.VALUE_TEXT, Double.isFinite(value) || stale ? null : text(value))
                .put(ScrapeSchemas.RATE, rate)
                .put(ScrapeSchemas.STALE, stale)
                .put(ScrapeSchemas.SCRAPE_ERROR, outcome.error());
    }

    private static Struct common(Schema schema, ScrapeOutcome outcome) {
        return new Struct(schema)
                .put(TelemetrySchemas.STREAM, outcome.target().source())
                .put(ScrapeSchemas.TARGET, outcome.target().name())
                .put(TelemetrySchemas.TIMESTAMP, new Date(outcome.scrapeTimeMs()))
                .put(ScrapeSchemas.UP, outcome.up() ? 1 : 0)
                .put(ScrapeSchemas.SCRAPE_DURATION_SECONDS, outcome.durationSeconds())
                .put(ScrapeSchemas.LABELS, new LinkedHashMap<>(outcome.target().labels()));
    }

    private SourceRecord record(ScrapeOutcome outcome, Schema schema, Struct value) {
        return new SourceRecord(
                partition(outcome.target().name()),
                Map.of(OFFSET_SCRAPE_TIME_KEY, outcome.scrapeTimeMs()),
                topic,
                null,
                TelemetrySchemas.KEY_SCHEMA,
                outcome.target().source(),
                schema,
                value,
                outcome.scrapeTimeMs());
    }

    private static String text(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
    }
}
