package dev.telemetry.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The incidents an alert sink delivered, read from its file's notification lines (docs/incidents.md): how many fired,
 * repeated, escalated and resolved, each incident's key and covered stream positions, and what breaks the lifecycle's
 * promises: a notification id sent again with other content, a repeat, escalation or resolved before its firing.
 */
final class IncidentLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One incident as its notifications so far describe it. */
    static final class Incident {
        final String id;
        String topic;
        int partition;
        long firstOffset;
        long lastOffset;
        Map<String, String> key = Map.of();
        String keyText = "";
        String severity = "";
        long count;
        boolean fired;
        boolean resolved;

        Incident(String id) {
            this.id = id;
        }
    }

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    /** Each notification id's content as first delivered: a re-send must be the same. */
    private final Map<String, JsonNode> firstSends = new HashMap<>();
    private final Map<String, Long> byKind = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private long resent;
    private long singleAlerts;

    /** Takes one line of the alert file; returns one readable line about it, or {@code null} for a plain alert. */
    String add(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (!node.hasNonNull("notification")) {
            singleAlerts++;
            return null;
        }
        String id = node.path("id").asText();
        String kind = node.path("notification").asText();
        Incident incident = incidents.computeIfAbsent(node.path("incident").asText(), Incident::new);
        JsonNode first = firstSends.putIfAbsent(id, node);
        if (first != null) {
            resent++;
            if (!first.equals(node)) {
                violations.add("notification " + id + " sent again with other content");
            }
            return "SENT AGAIN " + id;
        }
        byKind.merge(kind, 1L, Long::sum);
        JsonNode positions = node.path("positions");
        if (kind.equals("firing")) {
            incident.fired = true;
            incident.topic = positions.path("topic").asText();
            incident.partition = positions.path("partition").asInt();
            incident.firstOffset = positions.path("first_offset").asLong();
            Map<String, String> key = new LinkedHashMap<>();
            List<String> text = new ArrayList<>();
            node.path("key").fields().forEachRemaining(field -> {
                key.put(field.getKey(), field.getValue().asText());
                text.add(field.getKey() + "=" + field.getValue().asText());
            });
            incident.key = key;
            incident.keyText = String.join(",", text);
        } else if (!incident.fired) {
            violations.add(kind + " " + id + " delivered before its firing");
        }
        if (kind.equals("resolved")) {
            incident.resolved = true;
        }
        incident.lastOffset = positions.path("last_offset").asLong();
        incident.count = node.path("count").asLong();
        incident.severity = node.path("severity").asText();
        return String.format("%-10s %s %s %s, %d record%s", kind.toUpperCase(Locale.ROOT), id,
                incident.keyText, incident.severity, incident.count, incident.count == 1 ? "" : "s");
    }

    long count(String kind) {
        return byKind.getOrDefault(kind, 0L);
    }

    long open() {
        return incidents.values().stream().filter(i -> i.fired && !i.resolved).count();
    }

    long resent() {
        return resent;
    }

    long singleAlerts() {
        return singleAlerts;
    }

    List<String> violations() {
        return violations;
    }

    Iterable<Incident> incidents() {
        return incidents.values();
    }

    /** Per incident key ("source=group:connect-slow-sink"): how many of its incidents fired and resolved. */
    Map<String, long[]> firedAndResolvedByKey() {
        Map<String, long[]> byKey = new TreeMap<>();
        for (Incident incident : incidents.values()) {
            if (incident.fired) {
                long[] counts = byKey.computeIfAbsent(incident.keyText, key -> new long[2]);
                counts[0]++;
                if (incident.resolved) {
                    counts[1]++;
                }
            }
        }
        return byKey;
    }

    /** "incidents opened 12, repeated 0, escalated 1, resolved 9, open 3", with re-sends when there were any. */
    String counts() {
        return "incidents opened " + count("firing") + ", repeated " + count("repeat") + ", escalated "
                + count("escalation") + ", resolved " + count("resolved") + ", open " + open()
                + (resent == 0 ? "" : ", notifications re-sent with their id " + resent);
    }
}
