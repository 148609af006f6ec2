package dev.telemetry.connect.source.logfile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the text of an event is parsed into fields. */
enum LogFormat {
    PLAIN,
    JSON,
    LOGFMT,
    REGEX;

    public static final List<String> NAMES =
            Arrays.stream(values()).map(LogFormat::wireName).toList();

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LogFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
