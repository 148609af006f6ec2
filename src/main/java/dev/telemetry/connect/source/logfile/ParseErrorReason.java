package dev.telemetry.connect.source.logfile;

import java.util.Locale;

/** Why an event's parse_error is set: the {@code reason} tag of the parse-errors metric. */
enum ParseErrorReason {
    /** The text is not in the configured format: not JSON, not logfmt, or not matching the regex. */
    FORMAT,
    /** The parser threw on the text (a regex group that is not a number, a stack overflow). */
    PARSER_FAILED,
    /** The line has no valid container wrapper (container.format); the whole line is the event. */
    CONTAINER_WRAPPER,
    /** The timestamp does not parse as timestamp.format, or names no time: the read time was used. */
    TIMESTAMP;

    /** The tag value: the constant's name in lower case. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
