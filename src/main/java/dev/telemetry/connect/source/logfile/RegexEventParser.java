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
    }

    @Override
    public ParsedEvent parse(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        matcher.reset(first);
        if (!matcher.matches()) {
            return EventParser.unparsed(
                    text,
                    "does not match the " + (preset == null ? "regex.pattern" : "preset '" + preset.wireName() + "'"));
        }
        ParsedEvent event = new ParsedEvent();
        String pri = null;
        String status = null;
        for (String group : groups) {
            String value = matcher.group(group);
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
