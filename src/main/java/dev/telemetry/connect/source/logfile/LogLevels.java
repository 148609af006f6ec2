package dev.telemetry.connect.source.logfile;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises the level names of the common logging frameworks and syslog to the five the bundle uses, so that one
 * rule ({@code level == 'ERROR'}) serves Log4j, Logback, java.util.logging, Python, Go and syslog alike.
 */
final class LogLevels {

    public static final List<String> NORMALISED = List.of("TRACE", "DEBUG", "INFO", "WARNING", "ERROR");

    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("TRACE", "TRACE", "TRC", "FINEST", "FINER", "VERBOSE", "T");
        alias("DEBUG", "DEBUG", "DBG", "FINE", "CONFIG", "D");
        alias("INFO", "INFO", "INF", "INFORMATION", "INFORMATIONAL", "NOTICE", "I");
        alias("WARNING", "WARNING", "WARN", "WRN", "W");
        alias(
                "ERROR",
                "ERROR",
                "ERR",
                "SEVERE",
                "FATAL",
                "CRITICAL",
                "CRIT",
                "ALERT",
                "EMERG",
                "EMERGENCY",
                "PANIC",
                "DPANIC",
                "E",
                "F",
                "C");
    }

    private LogLevels() {}

    private static void alias(String level, String... names) {
        for (String name : names) {
            ALIASES.put(name, level);
        }
    }

    /** The normalised level of {@code raw} (any case, surrounding blanks ignored), or null if it is not a level. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String key = raw.trim();
        if (key.isEmpty() || key.length() > 16) {
            return null;
        }
        return ALIASES.get(key.toUpperCase(Locale.ROOT));
    }

    /** The level of a syslog priority (facility * 8 + severity): emerg..err are ERROR, warning WARNING, debug DEBUG. */
    public static String ofSyslogPriority(int priority) {
        int severity = priority & 7;
        if (severity <= 3) {
            return "ERROR";
        }
        if (severity == 4) {
            return "WARNING";
        }
        return severity == 7 ? "DEBUG" : "INFO";
    }

    /** The level of an HTTP access-log status: 5xx ERROR, 4xx WARNING, else INFO. */
    public static String ofHttpStatus(int status) {
        if (status >= 500) {
            return "ERROR";
        }
        return status >= 400 ? "WARNING" : "INFO";
    }
}
