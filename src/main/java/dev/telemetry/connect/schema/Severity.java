package dev.telemetry.connect.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Alert severity, ordered from least to most urgent. The transforms write it, the predicate and the sink compare it.
 * Its wire form is the lower-case name.
 */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    /** The names a user may configure, in order. */
    public static final List<String> NAMES =
            Arrays.stream(values()).map(Severity::wireName).collect(Collectors.toUnmodifiableList());

    /** {@link #values()} copies its array on every call; the sink and the predicate parse a severity per record. */
    private static final Severity[] ALL = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses a wire name, case-insensitively; {@code null} when the text names no severity. */
    public static Severity parseOrNull(Object text) {
        if (text == null) {
            return null;
        }
        // Compared ignoring case rather than upper-cased first: no new string per record.
        String name = text.toString().trim();
        for (Severity s : ALL) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        return null;
    }

    /** Parses a wire name, case-insensitively; throws naming the accepted values otherwise. */
    public static Severity parse(Object text) {
        Severity s = parseOrNull(text);
        if (s == null) {
            throw new IllegalArgumentException("Unknown severity '" + text + "'; expected one of " + NAMES);
        }
        return s;
    }

    @Override
    public String toString() {
        return wireName();
    }
}
