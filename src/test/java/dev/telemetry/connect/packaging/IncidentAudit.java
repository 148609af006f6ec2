package dev.telemetry.connect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.telemetry.connect.packaging.PipelineAudit.StreamRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an alert sink with the lifecycle ({@code incident.enabled=true}) delivered, checked against the committed
 * records it consumed: its notifications (every line it wrote, re-sends included, in file order) keyed by one value
 * field, {@code incident.key.fields=<keyField>}, which the stream records carry as {@code stream}. Works on JSON only,
 * as {@link PipelineAudit} does.
 *
 * <ul>
 *   <li>a notification sent again (after a crash, a rebalance) carries the same content under its id; for one decided
 *       on the task's clock (a repeat, a resolve after silence) the engine does not guarantee that yet when records
 *       arrive later than the clock moved on (docs/incidents.md, "Where replays can differ"): such a send that differs
 *       from the first only by records it folded since, of the same incident from the same first record, is counted
 *       apart, and any other difference fails;
 *   <li>each id is {@code <incident>/firing}, {@code /resolved}, {@code /repeat-N} or {@code /escalation-N}, as its
 *       kind says: repeats and escalations are notifications of their own;
 *   <li>every incident that fired has resolved, and its first resolved came after its first firing;
 *   <li>every alert-worthy record is in exactly one resolved incident of its key and partition (the one whose offset
 *       range holds it), and each resolved incident counts exactly the alert-worthy records of its range.
 * </ul>
 */
record IncidentAudit(
        int notifications,
        int distinctIds,
        int incidents,
        int repeats,
        int escalations,
        List<String> sameIdOtherContent,
        List<String> clockDecidedWithLaterRecords,
        List<String> idNotOfItsKind,
        List<String> firedNotResolved,
        List<String> resolvedBeforeFiring,
        List<String> recordsInNoIncident,
        List<String> recordsInSeveralIncidents,
        List<String> wrongCounts) {

    private static final Pattern NUMBERED = Pattern.compile("(repeat|escalation)-[1-9][0-9]*");

    /** A resolved incident: what its last notification says it covers. */
    private record Span(String incident, String key, String topic, int partition, long first, long last, long count) {}

    static IncidentAudit of(List<StreamRecord> alertWorthy, List<JsonNode> lines, String keyField) {
        Map<String, JsonNode> firstById = new LinkedHashMap<>();
        Map<String, Integer> firstFiring = new HashMap<>();
        Map<String, Integer> firstResolved = new HashMap<>();
        List<String> sameIdOtherContent = new ArrayList<>();
        List<String> clockDecidedWithLaterRecords = new ArrayList<>();
        List<String> idNotOfItsKind = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        int repeats = 0;
        int escalations = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String id = line.path("id").asText();
            String incident = line.path("incident").asText();
            String kind = line.path("notification").asText();
            JsonNode first = firstById.putIfAbsent(id, line);
            if (first != null) {
                if (!first.equals(line)) {
                    (onlyLaterRecords(first, line) ? clockDecidedWithLaterRecords : sameIdOtherContent)
                            .add(id + ": first " + first + ", later " + line);
                }
                continue;
            }
            String suffix = id.startsWith(incident + "/") ? id.substring(incident.length() + 1) : null;
            boolean ofItsKind = switch (kind) {
                case "firing", "resolved" -> kind.equals(suffix);
                case "repeat", "escalation" ->
                    suffix != null
                            && suffix.startsWith(kind + "-")
                            && NUMBERED.matcher(suffix).matches();
                default -> false;
            };
            if (!ofItsKind) {
                idNotOfItsKind.add(id + " (" + kind + " of incident " + incident + ")");
            }
            switch (kind) {
                case "firing" -> firstFiring.putIfAbsent(incident, i);
                case "repeat" -> repeats++;
                case "escalation" -> escalations++;
                case "resolved" -> {
                    firstResolved.putIfAbsent(incident, i);
                    JsonNode positions = line.path("positions");
                    spans.add(new Span(
                            incident,
                            line.path("key").path(keyField).asText(),
                            positions.path("topic").asText(),
                            positions.path("partition").asInt(),
                            positions.path("first_offset").asLong(),
                            positions.path("last_offset").asLong(),
                            line.path("count").asLong()));
                }
                default -> {}
            }
        }
        List<String> firedNotResolved = firstFiring.keySet().stream()
                .filter(incident -> !firstResolved.containsKey(incident))
                .sorted()
                .toList();
        List<String> resolvedBeforeFiring = firstResolved.entrySet().stream()
                .filter(e -> e.getValue() < firstFiring.getOrDefault(e.getKey(), Integer.MAX_VALUE))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();

        Map<String, List<Span>> spansByKeyAndPartition = new HashMap<>();
        spans.forEach(span -> spansByKeyAndPartition
                .computeIfAbsent(span.key + "@" + span.topic + "-" + span.partition, k -> new ArrayList<>())
                .add(span));
        Map<String, Long> counted = new HashMap<>();
        List<String> recordsInNoIncident = new ArrayList<>();
        List<String> recordsInSeveralIncidents = new ArrayList<>();
        for (StreamRecord record : alertWorthy) {
            List<String> holding =
                    spansByKeyAndPartition
                            .getOrDefault(record.stream() + "@" + record.topic() + "-" + record.partition(), List.of())
                            .stream()
                            .filter(span -> span.first <= record.offset() && record.offset() <= span.last)
                            .map(Span::incident)
                            .toList();
            if (holding.isEmpty()) {
                recordsInNoIncident.add(record.alertId() + " (" + record.streamSeq() + ")");
            } else if (holding.size() > 1) {
                recordsInSeveralIncidents.add(record.alertId() + " in " + holding);
            } else {
                counted.merge(holding.get(0), 1L, Long::sum);
            }
        }
        List<String> wrongCounts = spans.stream()
                .filter(span -> span.count != counted.getOrDefault(span.incident, 0L))
                .map(span -> span.incident + " says " + span.count + ", holds "
                        + counted.getOrDefault(span.incident, 0L) + " alert-worthy records")
                .toList();
        return new IncidentAudit(
                lines.size(),
                firstById.size(),
                firstFiring.size(),
                repeats,
                escalations,
                sameIdOtherContent,
                clockDecidedWithLaterRecords,
                idNotOfItsKind,
                firedNotResolved,
                resolvedBeforeFiring,
                recordsInNoIncident,
                recordsInSeveralIncidents,
                wrongCounts);
    }

    /**
     * A resolved after silence sent again that differs from its first send only in folding more records: the same
     * incident from the same first record, at least the count and last offset of the first send, and nothing else
     * changed but the fields that follow the records folded (count, last seen, last offset, the occurrences and last
     * event time of the alert that carries them). The task's clock decides it, so a record that arrived late the first
     * time can be folded in a replay. Repeats wait for a record past their due time and must match exactly.
     */
    private static boolean onlyLaterRecords(JsonNode first, JsonNode later) {
        if (!first.path("notification").asText().equals("resolved")) {
            return false;
        }
        if (later.path("count").asLong() < first.path("count").asLong()
                || later.at("/positions/last_offset").asLong()
                        < first.at("/positions/last_offset").asLong()) {
            return false;
        }
        JsonNode a = first.deepCopy();
        JsonNode b = later.deepCopy();
        for (JsonNode node : List.of(a, b)) {
            com.fasterxml.jackson.databind.node.ObjectNode object =
                    (com.fasterxml.jackson.databind.node.ObjectNode) node;
            object.remove(List.of("count", "last_seen", "occurrences", "last_event_time", "endsAt"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) object.path("positions")).remove("last_offset");
        }
        return a.equals(b);
    }

    /** Notifications written again under an id already delivered. */
    int resent() {
        return notifications - distinctIds;
    }
}
