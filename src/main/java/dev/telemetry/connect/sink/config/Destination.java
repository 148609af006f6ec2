package dev.telemetry.connect.sink.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where one connector delivers its alerts; a team runs one connector per destination. */
public enum Destination {
    FILE,
    WEBHOOK,
    SLACK,
    ALERTMANAGER;

    public static final List<String> NAMES =
            Arrays.stream(values()).map(Destination::configName).collect(Collectors.toUnmodifiableList());

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Destination parse(String text) {
        for (Destination d : values()) {
            if (d.configName().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown destination '" + text + "'; expected one of " + NAMES);
    }
}
