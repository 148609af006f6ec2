package dev.telemetry.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The main job's check of the lifecycle: every alert-worthy record in the streams belongs to exactly one delivered
 * incident. Incidents of one key in one partition never overlap (docs/incidents.md), so a record belongs to the
 * incident of its key and partition with the greatest first offset at or before it, which must still be open or have
 * resolved at or after it; the check also finds incidents of one key and partition that overlap, and incidents that
 * open on no alert-worthy record.
 */
final class IncidentCoverage {

    /** An alert-worthy record of a stream: where it is and its incident key's values. */
    record AlertWorthy(String topic, int partition, long offset, List<String> keyValues) {}

    private static final int MAX_EXAMPLES = 3;

    private final List<String> keyFields;
    private final List<AlertWorthy> records = new ArrayList<>();

    /** @param keyFields the sink's {@code incident.key.fields} */
    IncidentCoverage(List<String> keyFields) {
        this.keyFields = keyFields;
    }

    /**
     * Remembers an alert-worthy record. Its key is read as the sink reads it: 'category' and 'severity' from those
     * fields, 'source' from the first of service, source and stream (else the topic, the sink's source.fields
     * default), any other key field from the value.
     */
    void add(String topic, int partition, long offset, JsonNode value) {
        List<String> values = new ArrayList<>(keyFields.size());
        for (String field : keyFields) {
            values.add(switch (field) {
                case "source" -> firstText(value, topic, "service", "source", "stream");
                default -> value.path(field).asText("");
            });
        }
        records.add(new AlertWorthy(topic, partition, offset, values));
    }

    private static String firstText(JsonNode value, String otherwise, String... fields) {
        for (String field : fields) {
            String text = value.path(field).asText("");
            if (!text.isBlank()) {
                return text;
            }
        }
        return otherwise;
    }

    /** What the check found; {@link #complete()} when every record is in one delivered incident and all resolved. */
    record Result(long records, long covered, long uncovered, long overlapping, long invented, long open,
                  List<String> examples) {

        boolean holds() {
            return uncovered == 0 && overlapping == 0 && invented == 0;
        }

        boolean complete() {
            return holds() && open == 0;
        }

        String line() {
            return records + " alert-worthy records, " + covered + " in exactly one delivered incident, " + uncovered
                    + " in none, " + overlapping + " incidents overlapping another of their key, " + invented
                    + " opened on no alert-worthy record, " + open + " still open";
        }
    }

    Result check(IncidentLedger ledger) {
        Map<String, TreeMap<Long, IncidentLedger.Incident>> byKeyAndPartition = new HashMap<>();
        long open = 0;
        for (IncidentLedger.Incident incident : ledger.incidents()) {
            if (!incident.fired) {
                continue;
            }
            if (!incident.resolved) {
                open++;
            }
            List<String> keyValues = keyFields.stream().map(field -> incident.key.getOrDefault(field, "")).toList();
            byKeyAndPartition.computeIfAbsent(slot(incident.topic, incident.partition, keyValues),
                    slot -> new TreeMap<>()).put(incident.firstOffset, incident);
        }
        List<String> examples = new ArrayList<>();
        long overlapping = 0;
        for (TreeMap<Long, IncidentLedger.Incident> incidents : byKeyAndPartition.values()) {
            IncidentLedger.Incident previous = null;
            for (IncidentLedger.Incident incident : incidents.values()) {
                if (previous != null && (!previous.resolved || previous.lastOffset >= incident.firstOffset)) {
                    overlapping++;
                    example(examples, "incident " + incident.id + " overlaps " + previous.id);
                }
                previous = incident;
            }
        }
        long covered = 0;
        long uncovered = 0;
        Set<String> openers = new HashSet<>();
        for (AlertWorthy record : records) {
            TreeMap<Long, IncidentLedger.Incident> incidents =
                    byKeyAndPartition.get(slot(record.topic(), record.partition(), record.keyValues()));
            var owner = incidents == null ? null : incidents.floorEntry(record.offset());
            if (owner != null && (!owner.getValue().resolved || owner.getValue().lastOffset >= record.offset())) {
                covered++;
                if (owner.getKey() == record.offset()) {
                    openers.add(owner.getValue().id);
                }
            } else {
                uncovered++;
                example(examples, "record " + record.topic() + "-" + record.partition() + "-" + record.offset() + " "
                        + record.keyValues() + " is in no delivered incident");
            }
        }
        long invented = 0;
        for (TreeMap<Long, IncidentLedger.Incident> incidents : byKeyAndPartition.values()) {
            for (IncidentLedger.Incident incident : incidents.values()) {
                if (!openers.contains(incident.id)) {
                    invented++;
                    example(examples, "incident " + incident.id + " opens on no alert-worthy record of its key");
                }
            }
        }
        return new Result(records.size(), covered, uncovered, overlapping, invented, open, examples);
    }

    private static String slot(String topic, int partition, List<String> keyValues) {
        return topic + "-" + partition + "|" + String.join("\u0000", keyValues);
    }

    private static void example(List<String> examples, String line) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(line);
        }
    }
}
