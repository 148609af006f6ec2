package dev.telemetry.connect.source.logfile;

/**
 * logfmt: {@code key=value} pairs separated by blanks; a value may be double-quoted with backslash escapes; a bare
 * key is a flag with value "true".
 */
final class LogfmtEventParser implements EventParser {

    @Override
    public ParsedEvent parse(String text) {
        ParsedEvent event = new ParsedEvent();
        int pairs = 0;
        int i = 0;
        int n = text.length();
        StringBuilder value = new StringBuilder();
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ' ') {
                if (text.charAt(i) == '"') {
                    return EventParser.unparsed(text, "logfmt: quote inside a key at position " + i);
                }
                i++;
            }
            String key = text.substring(keyStart, i);
            if (i >= n || text.charAt(i) == ' ') {
                event.put(key, "true");
                pairs++;
                continue;
            }
            i++;
            value.setLength(0);
            if (i < n && text.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        char escaped = text.charAt(i++);
                        value.append(
                                switch (escaped) {
                                    case 'n' -> '\n';
                                    case 't' -> '\t';
                                    case 'r' -> '\r';
                                    default -> escaped;
                                });
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    return EventParser.unparsed(text, "logfmt: unterminated quoted value of '" + key + "'");
                }
            } else {
                while (i < n && text.charAt(i) != ' ') {
                    value.append(text.charAt(i++));
                }
            }
            event.put(key, value.toString());
            pairs++;
        }
        if (pairs == 0) {
            return EventParser.unparsed(text, "logfmt: no key=value pair");
        }
        if (event.message == null) {
            event.message = "";
        }
        return event;
    }
}
