package dev.telemetry.connect.source.scrape;

import java.util.Locale;
import java.util.Set;

/**
 * A metric family's type as {@code # TYPE} declares it, in the text format 0.0.4 and OpenMetrics 1.0, with the
 * sample-name suffixes each type's samples may carry.
 */
enum MetricType {
    COUNTER(Set.of("_total", "_created")),
    GAUGE(Set.of()),
    HISTOGRAM(Set.of("_bucket", "_count", "_sum", "_created")),
    GAUGEHISTOGRAM(Set.of("_bucket", "_gcount", "_gsum")),
    SUMMARY(Set.of("_count", "_sum", "_created")),
    INFO(Set.of("_info")),
    STATESET(Set.of()),
    /** {@code untyped} (text format), {@code unknown} (OpenMetrics), or a sample of no declared family. */
    UNTYPED(Set.of());

    private final Set<String> suffixes;

    MetricType(Set<String> suffixes) {
        this.suffixes = suffixes;
    }

    /** Whether a sample named family + suffix belongs to a family of this type. */
    boolean allowsSuffix(String suffix) {
        return suffixes.contains(suffix);
    }

    /** The type a {@code # TYPE} line names; {@code null} for a word neither format defines. */
    static MetricType parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "gaugehistogram" -> GAUGEHISTOGRAM;
            case "summary" -> SUMMARY;
            case "info" -> INFO;
            case "stateset" -> STATESET;
            case "untyped", "unknown" -> UNTYPED;
            default -> null;
        };
    }

    /** The lower-case name used in records. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
