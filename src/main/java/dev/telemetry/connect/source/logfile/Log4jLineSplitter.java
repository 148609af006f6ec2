package dev.telemetry.connect.source.logfile;

import java.util.List;

/**
 * The {@code log4j} preset's regex ({@link RegexPreset#LOG4J}) written out by hand for the lines it is sure of: the
 * regex and its lookups of groups by name were a third of a {@code format=regex} task's time. Every part of that regex
 * matches in one way only (fixed digits, a run of letters, a run up to {@code ]}, a run of non-space), so a line split
 * here has exactly the groups the regex gives it. A line off the layout, or whose message holds a line terminator
 * (which the regex's {@code .} does not match), gets {@code false}, and the regex decides.
 */
final class Log4jLineSplitter {

    /** The preset's named groups, in the order its regex names them; {@link #split} fills them in this order. */
    static final List<String> GROUP_NAMES = List.of("timestamp", "level", "thread", "logger", "message");

    private static final int TIMESTAMP = 0;
    private static final int LEVEL = 1;
    private static final int THREAD = 2;
    private static final int LOGGER = 3;
    private static final int MESSAGE = 4;

    /** {@code yyyy-MM-dd HH:mm:ss,SSS}: digits everywhere but at these places. */
    private static final String TIMESTAMP_SHAPE = "dddd-dd-dd?dd:dd:dd?ddd";

    private static final String[] COMMON_LEVELS = {"INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL"};

    private Log4jLineSplitter() {}

    /**
     * Fills {@code groups} (as long as {@link #GROUP_NAMES}) with the line's timestamp, level, thread, logger and
     * message, as the preset's regex would; {@code false} when the line is not one this method is sure of.
     */
    static boolean split(String line, String[] groups) {
        int length = line.length();
        if (length < TIMESTAMP_SHAPE.length() || !timestampAt(line)) {
            return false;
        }
        int at = skipSpace(line, TIMESTAMP_SHAPE.length());
        if (at == TIMESTAMP_SHAPE.length()) {
            return false;
        }
        int levelStart = at;
        while (at < length && isAsciiLetter(line.charAt(at))) {
            at++;
        }
        int levelEnd = at;
        if (levelEnd == levelStart) {
            return false;
        }
        at = skipSpace(line, at);
        if (at == levelEnd || at >= length || line.charAt(at) != '[') {
            return false;
        }
        int threadStart = at + 1;
        int threadEnd = line.indexOf(']', threadStart);
        if (threadEnd < 0) {
            return false;
        }
        at = skipSpace(line, threadEnd + 1);
        if (at == threadEnd + 1) {
            return false;
        }
        int loggerStart = at;
        while (at < length && !isSpace(line.charAt(at))) {
            at++;
        }
        int loggerEnd = at;
        if (loggerEnd == loggerStart) {
            return false;
        }
        at = skipSpace(line, at);
        // The separator: at least one space, a dash, then exactly one space before the message.
        if (at == loggerEnd || at + 1 >= length || line.charAt(at) != '-' || !isSpace(line.charAt(at + 1))) {
            return false;
        }
        int messageStart = at + 2;
        for (int i = messageStart; i < length; i++) {
            if (isLineTerminator(line.charAt(i))) {
                return false;
            }
        }
        groups[TIMESTAMP] = line.substring(0, TIMESTAMP_SHAPE.length());
        groups[LEVEL] = level(line, levelStart, levelEnd);
        groups[THREAD] = line.substring(threadStart, threadEnd);
        groups[LOGGER] = line.substring(loggerStart, loggerEnd);
        groups[MESSAGE] = line.substring(messageStart);
        return true;
    }

    private static boolean timestampAt(String line) {
        for (int i = 0; i < TIMESTAMP_SHAPE.length(); i++) {
            char c = line.charAt(i);
            boolean fits = switch (TIMESTAMP_SHAPE.charAt(i)) {
                case 'd' -> c >= '0' && c <= '9';
                case '?' -> i == 10 ? c == ' ' || c == 'T' : c == ',' || c == '.';
                default -> c == TIMESTAMP_SHAPE.charAt(i);
            };
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    /** The level as a constant when it is a common one: no new string, and its hash is known to later lookups. */
    private static String level(String line, int start, int end) {
        for (String common : COMMON_LEVELS) {
            if (common.length() == end - start && line.startsWith(common, start)) {
                return common;
            }
        }
        return line.substring(start, end);
    }

    private static int skipSpace(String line, int from) {
        int at = from;
        while (at < line.length() && isSpace(line.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The regex's {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** What the regex's {@code .} does not match. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }
}
