package dev.telemetry.connect.source.logfile;

/**
 * One event read from a file: its text (one line, or several grouped by multiline, joined by \n), the byte range it
 * covers ({@code endOffset} is the position after its last line, where a resumed task continues), its line numbers
 * (1-based) and whether its text was cut at max.event.bytes.
 */
record LogEvent(String text, long startOffset, long endOffset, long firstLine, long lastLine, boolean truncated) {}
