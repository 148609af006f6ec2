package dev.telemetry.connect.source.logfile;

/**
 * Parses the text of one event. Never throws for bad input: text that does not parse gives an event with the whole
 * text as message and a parse error, so that no line is dropped.
 */
interface EventParser {

    ParsedEvent parse(String text);

    static EventParser of(LogFormat format, RegexPreset preset, String regex) {
        return switch (format) {
            case PLAIN ->
                text -> {
                    ParsedEvent event = new ParsedEvent();
                    event.message = text;
                    return event;
                };
            case JSON -> new JsonEventParser();
            case LOGFMT -> new LogfmtEventParser();
            case REGEX -> preset != null ? new RegexEventParser(preset) : new RegexEventParser(regex);
        };
    }

    /** An event for text not in the parser's format: the raw text as message, and why. */
    static ParsedEvent unparsed(String text, String error) {
        return unparsed(text, ParseErrorReason.FORMAT, error);
    }

    /** An event for text that did not parse: the raw text as message, and why. */
    static ParsedEvent unparsed(String text, ParseErrorReason reason, String error) {
        ParsedEvent event = new ParsedEvent();
        event.message = text;
        event.parseError(reason, error);
        return event;
    }
}
