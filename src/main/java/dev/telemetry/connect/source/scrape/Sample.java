package dev.telemetry.connect.source.scrape;

import java.util.Map;
import java.util.SortedMap;

/**
 * One sample of an exposition: its name, labels (sorted by name), value and optional timestamp, with the family it
 * belongs to and that family's type.
 *
 * @param timestampMs the exposed timestamp in epoch milliseconds, or {@code null} when the line has none
 */
record Sample(
        String family, MetricType type, String name, SortedMap<String, String> labels, double value, Long timestampMs) {

    /** {@code name{a="x",b="y"}} with labels sorted and values escaped as in the text format; the name alone. */
    public String seriesId() {
        return seriesId(name, labels);
    }

    static String seriesId(String name, Map<String, String> sortedLabels) {
        if (sortedLabels.isEmpty()) {
            return name;
        }
        StringBuilder id = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : sortedLabels.entrySet()) {
            if (!first) {
                id.append(',');
            }
            first = false;
            id.append(label.getKey())
                    .append("=\"")
                    .append(escape(label.getValue()))
                    .append('"');
        }
        return id.append('}').toString();
    }

    static String escape(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
