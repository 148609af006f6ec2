package dev.telemetry.connect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * What a run of the pipeline left behind, checked the way Kafka's own Connect system tests check VerifiableSource:
 * per stream, the sequence numbers of the committed records; per alert sink, its deliveries against the committed
 * records it consumes. Works on JSON only (values as JsonConverter writes them, with or without schemas), because the
 * packaged-archive tests run without the plugin's classes.
 */
final class PipelineAudit {

    /** The bundle's severities, least urgent first. */
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineAudit() {}

    /** A committed record of the source: where it is, which stream and sequence number, and its severity. */
    record StreamRecord(String topic, int partition, long offset, String stream, long seq, String severity) {
        String alertId() {
            return topic + "-" + partition + "-" + offset;
        }

        String streamSeq() {
            return stream + "#" + seq;
        }
    }

    /** Every record must carry the fields every telemetry value has; anything else fails the audit. */
    static List<StreamRecord> streamRecords(
            List<ConsumerRecord<byte[], byte[]>> records, String severityField, String severityHeader) {
        List<StreamRecord> result = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            JsonNode value = payload(record.value());
            if (!value.path("stream").isTextual() || !value.path("seq").canConvertToLong()) {
                throw new AssertionError("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " is not a telemetry record (no stream and seq): " + value);
            }
            String severity = value.path(severityField).isTextual()
                    ? value.path(severityField).asText()
                    : lastHeader(record, severityHeader);
            result.add(new StreamRecord(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    value.path("stream").asText(),
                    value.path("seq").asLong(),
                    severity));
        }
        return result;
    }

    static int severityRank(String severity) {
        return severity == null ? -1 : SEVERITIES.indexOf(severity.trim().toLowerCase(Locale.ROOT));
    }

    /** Per stream: how many records, the highest seq, missing sequence numbers and repeated ones. */
    record Sequences(
            Map<String, Long> records,
            Map<String, Long> maxSeq,
            Map<String, List<Long>> gaps,
            Map<String, List<Long>> duplicates) {

        static Sequences of(List<StreamRecord> records) {
            Map<String, List<Long>> seqs = new TreeMap<>();
            records.forEach(r ->
                    seqs.computeIfAbsent(r.stream(), s -> new ArrayList<>()).add(r.seq()));
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Long> max = new TreeMap<>();
            Map<String, List<Long>> gaps = new TreeMap<>();
            Map<String, List<Long>> duplicates = new TreeMap<>();
            seqs.forEach((stream, list) -> {
                counts.put(stream, (long) list.size());
                Set<Long> seen = new HashSet<>();
                List<Long> repeated = new ArrayList<>();
                long highest = -1;
                for (long seq : list) {
                    if (!seen.add(seq)) {
                        repeated.add(seq);
                    }
                    highest = Math.max(highest, seq);
                }
                max.put(stream, highest);
                List<Long> missing = new ArrayList<>();
                for (long seq = 0; seq <= highest; seq++) {
                    if (!seen.contains(seq)) {
                        missing.add(seq);
                    }
                }
                gaps.put(stream, missing);
                duplicates.put(stream, repeated);
            });
            return new Sequences(counts, max, gaps, duplicates);
        }

        long total() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * One alert sink's deliveries (every alert it wrote or sent, repeats included) against the alert-worthy records:
     * the committed records on the topics it consumes at or above its {@code min.severity}, by alert id (the record's
     * topic-partition-offset).
     */
    record Deliveries(
            int expected,
            int delivered,
            int distinctIds,
            List<String> missing,
            List<String> invented,
            List<String> repeatedUnderAnotherId,
            List<String> wrongRecord,
            List<String> folded) {

        static Deliveries of(List<StreamRecord> alertWorthy, List<JsonNode> alerts) {
            Map<String, StreamRecord> expectedById = new LinkedHashMap<>();
            alertWorthy.forEach(r -> expectedById.put(r.alertId(), r));
            Map<String, Set<String>> idsByStreamSeq = new HashMap<>();
            Set<String> ids = new TreeSet<>();
            List<String> invented = new ArrayList<>();
            List<String> wrongRecord = new ArrayList<>();
            List<String> folded = new ArrayList<>();
            for (JsonNode alert : alerts) {
                String id = alert.path("id").asText();
                JsonNode value = alert.path("record").path("value");
                String streamSeq =
                        value.path("stream").asText() + "#" + value.path("seq").asText();
                ids.add(id);
                idsByStreamSeq.computeIfAbsent(streamSeq, k -> new TreeSet<>()).add(id);
                if (alert.path("occurrences").asInt(1) != 1) {
                    folded.add(id);
                }
                StreamRecord expected = expectedById.get(id);
                if (expected == null) {
                    invented.add(id + " (" + streamSeq + ")");
                } else if (!expected.streamSeq().equals(streamSeq)) {
                    wrongRecord.add(id + " carries " + streamSeq + ", the record there is " + expected.streamSeq());
                }
            }
            List<String> missing = expectedById.keySet().stream()
                    .filter(id -> !ids.contains(id))
                    .map(id -> id + " (" + expectedById.get(id).streamSeq() + ")")
                    .toList();
            List<String> repeatedUnderAnotherId = idsByStreamSeq.entrySet().stream()
                    .filter(e -> e.getValue().size() > 1)
                    .map(e -> e.getKey() + " under " + e.getValue())
                    .toList();
            return new Deliveries(
                    expectedById.size(),
                    alerts.size(),
                    ids.size(),
                    missing,
                    invented,
                    repeatedUnderAnotherId,
                    wrongRecord,
                    folded);
        }

        int repeats() {
            return delivered - distinctIds;
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as JsonConverter wrote it: the payload of a schema envelope, or the plain JSON. */
    static JsonNode payload(byte[] value) {
        if (value == null) {
            return JSON.nullNode();
        }
        JsonNode node = parse(new String(value, StandardCharsets.UTF_8));
        return node.has("schema") && node.has("payload") ? node.get("payload") : node;
    }

    private static String lastHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The first few entries of a long list, for assertion messages. */
    static List<String> firstFew(List<String> items) {
        return items.size() <= 10 ? items : items.subList(0, 10);
    }
}
