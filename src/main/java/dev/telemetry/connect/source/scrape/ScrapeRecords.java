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
 * Turns a scrape outcome into records keyed by the target's source: one snapshot (in parts when it is too large for
 * one record), or one record per sample. Every record of a scrape carries the same source partition (the target) and
 * offset (the scrape time).
 */
public final class ScrapeRecords {

    static final String PARTITION_TARGET_KEY = "target";
    static final String OFFSET_SCRAPE_TIME_KEY = "scrape_time_ms";

    /** JSON of a snapshot's fields other than its maps and lists, beyond their variable texts: names, numbers, time. */
    private static final int SNAPSHOT_FIXED_JSON = 640;
    /** {@code "id":<double>,} beyond the id's own length: quotes, colon, a double of up to 24 characters, comma. */
    private static final int MAP_ENTRY_JSON = 28;
    /** {@code "id",} beyond the id's own length. */
    private static final int LIST_ENTRY_JSON = 3;

    private final String topic;
    private final boolean samplesFormat;
    private final int recordMaxBytes;

    /** @param recordMaxBytes largest estimated JSON size of a snapshot record before it is split into parts */
    public ScrapeRecords(String topic, boolean samplesFormat, int recordMaxBytes) {
        this.topic = topic;
        this.samplesFormat = samplesFormat;
        this.recordMaxBytes = recordMaxBytes;
    }

    public static Map<String, String> partition(String targetName) {
        return Map.of(PARTITION_TARGET_KEY, targetName);
    }

    public List<SourceRecord> records(ScrapeOutcome outcome) {
        return samplesFormat ? samples(outcome) : snapshots(outcome);
    }

    /**
     * One snapshot, or, when its estimated JSON passes {@code record.max.bytes}, several parts (part 1 of n ...) that
     * divide the metrics, rates, quantiles and stale series among them; every part carries the scrape's other fields
     * but the mapped ones, which only part 1 carries, so a rule on them fires once per scrape. A producer never sees a
     * record it would refuse as too large, however many series a target exposes.
     */
    private List<SourceRecord> snapshots(ScrapeOutcome outcome) {
        Map<String, Double> metrics = new TreeMap<>();
        Map<String, Double> rates = new TreeMap<>();
        Map<String, Double> quantiles = new TreeMap<>();
        if (outcome.up()) {
            for (Sample sample : outcome.samples()) {
                if (Double.isFinite(sample.value())) {
                    metrics.put(sample.seriesId(), sample.value());
                }
            }
            rates.putAll(outcome.changes().rates());
            quantiles.putAll(outcome.quantiles());
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part());
        int room = recordMaxBytes - fixedJsonLength(outcome);
        int[] used = {0};
        metrics.forEach((id, value) -> place(parts, used, room, jsonLength(id) + MAP_ENTRY_JSON)
                .metrics
                .put(id, value));
        rates.forEach((id, value) ->
                place(parts, used, room, jsonLength(id) + MAP_ENTRY_JSON).rates.put(id, value));
        quantiles.forEach((id, value) -> place(parts, used, room, jsonLength(id) + MAP_ENTRY_JSON)
                .quantiles
                .put(id, value));
        for (Sample stale : outcome.changes().stale()) {
            String id = stale.seriesId();
            place(parts, used, room, jsonLength(id) + LIST_ENTRY_JSON).stale.add(id);
        }
        List<SourceRecord> records = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            records.add(snapshot(outcome, parts.get(i), i + 1, parts.size()));
        }
        return records;
    }

    /** The part an entry of {@code size} goes to: the last one, or a new one when the last has no room left. */
    private static Part place(List<Part> parts, int[] used, int room, int size) {
        Part last = parts.get(parts.size() - 1);
        if (used[0] + size > room && !last.isEmpty()) {
            last = new Part();
            parts.add(last);
            used[0] = 0;
        }
        used[0] += size;
        return last;
    }

    /** The series a snapshot part carries. */
    private static final class Part {
        final Map<String, Double> metrics = new TreeMap<>();
        final Map<String, Double> rates = new TreeMap<>();
        final Map<String, Double> quantiles = new TreeMap<>();
        final List<String> stale = new ArrayList<>();

        boolean isEmpty() {
            return metrics.isEmpty() && rates.isEmpty() && quantiles.isEmpty() && stale.isEmpty();
        }
    }

    private SourceRecord snapshot(ScrapeOutcome outcome, Part part, int number, int count) {
        Struct value = common(ScrapeSchemas.SNAPSHOT, outcome)
                .put(ScrapeSchemas.SCRAPE_ERROR, outcome.error())
                .put(ScrapeSchemas.SAMPLES_SCRAPED, outcome.samples().size())
                .put(ScrapeSchemas.BAD_LINES, outcome.badLines())
                .put(ScrapeSchemas.PART, number)
                .put(ScrapeSchemas.PARTS, count);
        if (outcome.up()) {
            value.put(ScrapeSchemas.METRICS, part.metrics)
                    .put(ScrapeSchemas.RATES, part.rates)
                    .put(ScrapeSchemas.QUANTILES, part.quantiles);
            if (number == 1) {
                outcome.mapped().forEach(value::put);
            }
        }
        if (!part.stale.isEmpty()) {
            value.put(ScrapeSchemas.STALE, part.stale);
        }
        return record(outcome, ScrapeSchemas.SNAPSHOT, value);
    }

    /** Estimated JSON length of a snapshot's fields other than its maps and lists. */
    private static int fixedJsonLength(ScrapeOutcome outcome) {
        int length = SNAPSHOT_FIXED_JSON
                + 2 * jsonLength(outcome.target().source())
                + jsonLength(outcome.target().name());
        for (Map.Entry<String, String> label : outcome.target().labels().entrySet()) {
            length += jsonLength(label.getKey()) + jsonLength(label.getValue()) + 6;
        }
        return outcome.error() == null ? length : length + jsonLength(outcome.error());
    }

    /**
     * Characters of {@code text} as a JSON string's content, counting UTF-8 bytes and escapes (at most six for a
     * control character): what a JSON converter writes for it, or an upper bound of it.
     */
    static int jsonLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += jsonLength(text.charAt(i));
        }
        return length;
    }

    private static int jsonLength(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x20) {
            return 6;
        }
        if (c < 0x80) {
            return 1;
        }
        // A surrogate is half of a four-byte character.
        return c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    /**
     * {@link #jsonLength} of the sample's {@link Sample#seriesId()}, without building it: the id escapes label values
     * as the text format does, and JSON escapes that again.
     */
    static int seriesJsonLength(Sample sample) {
        int length = jsonLength(sample.name());
        if (sample.labels().isEmpty()) {
            return length;
        }
        length += 1 + sample.labels().size(); // '{', the commas and '}'
        for (Map.Entry<String, String> label : sample.labels().entrySet()) {
            length += jsonLength(label.getKey()) + 5; // ="..." with both quotes escaped
            String value = label.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                length += c == '"' || c == '\\' ? 4 : c == '\n' ? 3 : jsonLength(c);
            }
        }
        return length;
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
