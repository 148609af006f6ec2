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
 *   <li>a notification sent again (after a crash, a rebalance) carries the same content under its id, a resolved
 *       after silence included: the task's clock decides it only past {@code incident.allowed.lateness.ms}, so a
 *       replay folds the same records into it (docs/incidents.md, "Where replays can differ");
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
                    sameIdOtherContent.add(id + ": first " + first + ", later " + line);
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
                idNotOfItsKind,
                firedNotResolved,
                resolvedBeforeFiring,
                recordsInNoIncident,
                recordsInSeveralIncidents,
                wrongCounts);
    }

    /** Notifications written again under an id already delivered. */
    int resent() {
        return notifications - distinctIds;
    }
}
