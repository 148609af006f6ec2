package dev.telemetry.connect.source.logfile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Named groups of a regular expression, matched against an event's first line: {@code timestamp}, {@code level},
 * {@code message}, {@code service}, {@code endpoint}, {@code user_id} fill those fields, any other group is kept in
 * {@code fields}. Further lines of the event (a stack trace) are appended to the message. Presets may derive the
 * level from a syslog priority ({@code pri}) or an HTTP status ({@code status}).
 */
final class RegexEventParser implements EventParser {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final List<String> groups;
    private final RegexPreset preset;
    /** Reset for each event: a new Matcher allocates its group and state arrays. One parser per task, one thread. */
    private final Matcher matcher;
    /** Whether {@link Log4jLineSplitter} splits the lines it is sure of before the regex is tried. */
    private final boolean log4jSplitter;
    /** The groups' values for the event being parsed, in the order of {@link #groups}. */
    private final String[] values;

    RegexEventParser(String regex) {
        this(Pattern.compile(regex), null);
    }

    RegexEventParser(RegexPreset preset) {
        this(preset.pattern(), preset);
    }

    private RegexEventParser(Pattern pattern, RegexPreset preset) {
        this.preset = preset;
        this.groups = new ArrayList<>();
        Matcher names = GROUP_NAME.matcher(pattern.pattern());
        while (names.find()) {
            groups.add(names.group(1));
        }
        this.matcher = pattern.matcher("");
        this.log4jSplitter = preset == RegexPreset.LOG4J;
        if (log4jSplitter && !groups.equals(Log4jLineSplitter.GROUP_NAMES)) {
            throw new IllegalStateException(
                    "The log4j preset's groups " + groups + " are not the splitter's " + Log4jLineSplitter.GROUP_NAMES);
        }
        this.values = new String[groups.size()];
    }

    @Override
    public ParsedEvent parse(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        if (!(log4jSplitter && Log4jLineSplitter.split(first, values))) {
            matcher.reset(first);
            if (!matcher.matches()) {
                return EventParser.unparsed(
                        text,
                        "does not match the "
                                + (preset == null ? "regex.pattern" : "preset '" + preset.wireName() + "'"));
            }
            for (int i = 0; i < groups.size(); i++) {
                values[i] = matcher.group(groups.get(i));
            }
        }
        ParsedEvent event = new ParsedEvent();
        String pri = null;
        String status = null;
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            String value = values[i];
            if (value == null || (preset != null && value.equals("-"))) {
                continue;
            }
            switch (group) {
                case "pri" -> pri = value;
                case "status" -> {
                    status = value;
                    event.putField(group, value);
                }
                case "user_id", "userid" -> event.userId = value;
                default -> event.put(group, value);
            }
        }
        if (pri != null) {
            event.putField("pri", pri);
            if (event.level == null) {
                event.level = LogLevels.ofSyslogPriority(Integer.parseInt(pri));
            }
        }
        if (preset != null && preset.levelFromStatus() && status != null) {
            event.level = LogLevels.ofHttpStatus(Integer.parseInt(status));
        }
        if (event.message == null) {
            event.message = first;
        }
        if (newline >= 0) {
            event.message = event.message + text.substring(newline);
        }
        return event;
    }
}
