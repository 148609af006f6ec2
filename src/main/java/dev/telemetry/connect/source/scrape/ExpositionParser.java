package dev.telemetry.connect.source.scrape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses the Prometheus text format 0.0.4 and OpenMetrics 1.0. A line that does not parse is skipped and reported
 * with its reason, never failing the whole body, as Prometheus's own scraper tolerates nothing less of a real
 * exporter's output. {@code # HELP} and {@code # UNIT} are read past; exemplars are ignored.
 */
public final class ExpositionParser {

    /** Bad lines kept with their text for the log; the rest are only counted. */
    static final int KEPT_BAD_LINES = 5;

    private static final int EXCERPT_LENGTH = 80;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final ExpositionFormat format;

    public ExpositionParser(ExpositionFormat format) {
        this.format = format;
    }

    public Exposition parse(String body) {
        Map<String, MetricType> families = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        List<Exposition.BadLine> badLines = new ArrayList<>();
        int badLineCount = 0;
        boolean ended = false;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() && (ended || i == lines.length - 1 || format == ExpositionFormat.TEXT)) {
                continue;
            }
            String problem;
            if (ended) {
                problem = "content after # EOF";
            } else if (line.equals("# EOF")) {
                ended = true;
                problem = null;
            } else if (line.startsWith("#")) {
                problem = readComment(line, families);
            } else {
                problem = readSample(line, families, samples);
            }
            if (problem != null) {
                badLineCount++;
                if (badLines.size() < KEPT_BAD_LINES) {
                    badLines.add(new Exposition.BadLine(
                            i + 1,
                            problem,
                            line.length() <= EXCERPT_LENGTH ? line : line.substring(0, EXCERPT_LENGTH) + "…"));
                }
            }
        }
        return new Exposition(Collections.unmodifiableList(samples), badLineCount, List.copyOf(badLines));
    }

    /** Reads a # TYPE line into {@code families}; other comments carry nothing the scraper needs. */
    private static String readComment(String line, Map<String, MetricType> families) {
        String[] words = BLANKS.split(line.substring(1).trim(), 3);
        if (words.length == 0 || !words[0].equals("TYPE")) {
            return null;
        }
        if (words.length < 3) {
            return "# TYPE without a metric name and type";
        }
        if (!isMetricName(words[1])) {
            return "invalid metric name '" + words[1] + "'";
        }
        MetricType type = MetricType.parse(words[2].trim());
        if (type == null) {
            return "unknown metric type '" + words[2].trim() + "'";
        }
        families.put(words[1], type);
        return null;
    }

    private String readSample(String line, Map<String, MetricType> families, List<Sample> samples) {
        Cursor cursor = new Cursor(line);
        String name = cursor.metricName();
        if (name == null) {
            return "a sample line must start with a metric name";
        }
        SortedMap<String, String> labels = new TreeMap<>();
        if (cursor.peek() == '{') {
            String problem = readLabels(cursor, labels);
            if (problem != null) {
                return problem;
            }
        }
        if (!cursor.skipBlanks()) {
            return "no value after the metric name";
        }
        String valueText = cursor.word();
        Double value = parseValue(valueText);
        if (value == null) {
            return "invalid value '" + valueText + "'";
        }
        Long timestampMs = null;
        cursor.skipBlanks();
        if (!cursor.atEnd() && cursor.peek() != '#') {
            String timestampText = cursor.word();
            timestampMs = parseTimestamp(timestampText);
            if (timestampMs == null) {
                return "invalid timestamp '" + timestampText + "'";
            }
            cursor.skipBlanks();
        }
        if (!cursor.atEnd()) {
            if (format != ExpositionFormat.OPENMETRICS || cursor.peek() != '#') {
                return "unexpected text after the value";
            }
            // An exemplar (" # {trace_id="..."} 0.5 [ts]"): checked for shape, then ignored.
            cursor.advance();
            cursor.skipBlanks();
            if (cursor.peek() != '{' || readLabels(cursor, new TreeMap<>()) != null) {
                return "malformed exemplar";
            }
        }
        String family = familyOf(name, families);
        MetricType type = family == null ? MetricType.UNTYPED : families.get(family);
        samples.add(new Sample(
                family == null ? name : family,
                type,
                name,
                Collections.unmodifiableSortedMap(labels),
                value,
                timestampMs));
        return null;
    }

    /** The declared family a sample name belongs to, through the suffixes its type allows; null when undeclared. */
    static String familyOf(String name, Map<String, MetricType> families) {
        MetricType exact = families.get(name);
        if (exact != null) {
            return name;
        }
        int underscore = name.lastIndexOf('_');
        while (underscore > 0) {
            String base = name.substring(0, underscore);
            MetricType type = families.get(base);
            if (type != null && type.allowsSuffix(name.substring(underscore))) {
                return base;
            }
            underscore = name.lastIndexOf('_', underscore - 1);
        }
        return null;
    }

    private static String readLabels(Cursor cursor, Map<String, String> labels) {
        cursor.advance();
        while (true) {
            cursor.skipBlanks();
            if (cursor.peek() == '}') {
                cursor.advance();
                return null;
            }
            String labelName = cursor.labelName();
            if (labelName == null) {
                return cursor.atEnd() ? "unterminated label set" : "invalid label name";
            }
            cursor.skipBlanks();
            if (cursor.peek() != '=') {
                return "expected '=' after label '" + labelName + "'";
            }
            cursor.advance();
            cursor.skipBlanks();
            if (cursor.peek() != '"') {
                return "label '" + labelName + "' value must be quoted";
            }
            cursor.advance();
            StringBuilder labelValue = new StringBuilder();
            String problem = cursor.quoted(labelValue);
            if (problem != null) {
                return problem + " in label '" + labelName + "'";
            }
            if (labels.put(labelName, labelValue.toString()) != null) {
                return "label '" + labelName + "' appears twice";
            }
            cursor.skipBlanks();
            if (cursor.peek() == ',') {
                cursor.advance();
            } else if (cursor.peek() != '}') {
                return cursor.atEnd()
                        ? "unterminated label set"
                        : "expected ',' or '}' after label '" + labelName + "'";
            }
        }
    }

    /** A float as both formats write one, including NaN and ±Inf in any case; null when it is not one. */
    static Double parseValue(String text) {
        if (isPlainDecimal(text)) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return NUMBER.matcher(text).matches() ? Double.parseDouble(text) : null;
        }
    }

    /**
     * Only digits, '.', exponent letters and signs: the common case, which {@link Double#parseDouble} then settles
     * without a regular expression. Its other forms (hex, a trailing 'd' or 'f', "Infinity") never get here.
     */
    private static boolean isPlainDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Milliseconds: the text format writes an integer of them, OpenMetrics seconds with an optional fraction. */
    private Long parseTimestamp(String text) {
        if (format == ExpositionFormat.TEXT) {
            if (!INTEGER.matcher(text).matches()) {
                return null;
            }
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
        Double seconds = NUMBER.matcher(text).matches() ? Double.parseDouble(text) : null;
        return seconds == null || Math.abs(seconds) > Long.MAX_VALUE / 1000.0 ? null : Math.round(seconds * 1000.0);
    }

    static boolean isMetricName(String text) {
        if (text.isEmpty() || !isNameStart(text.charAt(0), true)) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!isNamePart(text.charAt(i), true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameStart(char c, boolean colonAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
    }

    private static boolean isNamePart(char c, boolean colonAllowed) {
        return isNameStart(c, colonAllowed) || (c >= '0' && c <= '9');
    }

    /** A position in one line. */
    private static final class Cursor {
        private final String line;
        private int pos;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return pos >= line.length();
        }

        char peek() {
            return atEnd() ? '\0' : line.charAt(pos);
        }

        void advance() {
            pos++;
        }

        /** Skips spaces and tabs; true if there were any. */
        boolean skipBlanks() {
            int start = pos;
            while (!atEnd() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
                pos++;
            }
            return pos > start;
        }

        String word() {
            int start = pos;
            while (!atEnd() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
                pos++;
            }
            return line.substring(start, pos);
        }

        String metricName() {
            return name(true);
        }

        String labelName() {
            return name(false);
        }

        private String name(boolean colonAllowed) {
            if (atEnd() || !isNameStart(line.charAt(pos), colonAllowed)) {
                return null;
            }
            int start = pos++;
            while (!atEnd() && isNamePart(line.charAt(pos), colonAllowed)) {
                pos++;
            }
            return line.substring(start, pos);
        }

        /** Reads a quoted value's text up to its closing quote (already past the opening one). */
        String quoted(StringBuilder out) {
            while (!atEnd()) {
                char c = line.charAt(pos++);
                if (c == '"') {
                    return null;
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (atEnd()) {
                    break;
                }
                char escaped = line.charAt(pos++);
                switch (escaped) {
                    case '\\' -> out.append('\\');
                    case '"' -> out.append('"');
                    case 'n' -> out.append('\n');
                    default -> {
                        return "invalid escape '\\" + escaped + "'";
                    }
                }
            }
            return "unterminated label value";
        }
    }
}
