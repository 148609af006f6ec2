package dev.telemetry.connect.source.logfile;

/**
 * One event read from a file: its text (one line, or several grouped by multiline, joined by \n), the byte range it
 * covers ({@code endOffset} is the position after its last line, where a resumed task continues), its line numbers
 * (1-based), whether its text was cut at max.event.bytes, and what a container runtime's wrapper said about it (null
 * without container.format).
 */
record LogEvent(
        String text,
        long startOffset,
        long endOffset,
        long firstLine,
        long lastLine,
        boolean truncated,
        ContainerOrigin container) {

    LogEvent(String text, long startOffset, long endOffset, long firstLine, long lastLine, boolean truncated) {
        this(text, startOffset, endOffset, firstLine, lastLine, truncated, null);
    }

    /** This event with the text inside its container wrapper, and what the wrapper said. */
    LogEvent withContainer(String unwrapped, ContainerOrigin origin) {
        return new LogEvent(unwrapped, startOffset, endOffset, firstLine, lastLine, truncated, origin);
    }
}
