package dev.telemetry.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Notification lines as the alert sink's file destination writes them (docs/incidents.md), for the ledger tests. */
final class Notifications {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Notifications() {}

    /**
     * A line of {@code kind} ({@code firing}, {@code repeat}, {@code escalation}, {@code resolved}) of the incident
     * opened at {@code firstOffset} of {@code topic}-{@code partition}, covering up to {@code lastOffset}.
     */
    static String line(
            String kind,
            String suffix,
            String topic,
            int partition,
            long firstOffset,
            long lastOffset,
            long count,
            String severity,
            Map<String, String> key) {
        String incident = topic + "-" + partition + "-" + firstOffset;
        ObjectNode node = JSON.createObjectNode();
        node.put("status", kind.equals("resolved") ? "resolved" : "firing");
        node.put("notification", kind);
        node.put("incident", incident);
        node.put("id", incident + "/" + suffix);
        ObjectNode keyNode = node.putObject("key");
        key.forEach(keyNode::put);
        node.put("count", count);
        node.put("severity", severity);
        ObjectNode positions = node.putObject("positions");
        positions.put("topic", topic);
        positions.put("partition", partition);
        positions.put("first_offset", firstOffset);
        positions.put("last_offset", lastOffset);
        return node.toString();
    }

    static String firing(String topic, int partition, long first, long last, long count, Map<String, String> key) {
        return line("firing", "firing", topic, partition, first, last, count, "critical", key);
    }

    static String resolved(String topic, int partition, long first, long last, long count, Map<String, String> key) {
        return line("resolved", "resolved", topic, partition, first, last, count, "critical", key);
    }
}
