package dev.telemetry.connect.source.logfile;

import java.util.List;
import java.util.regex.Pattern;

/**
 * include.lines and exclude.lines, as Filebeat applies them: with include patterns an event is kept only if one of them
 * finds something in its text; then an event one exclude pattern finds something in is left out.
 */
record EventFilter(List<Pattern> include, List<Pattern> exclude) {

    boolean filters() {
        return !include.isEmpty() || !exclude.isEmpty();
    }

    boolean keeps(String text) {
        if (!include.isEmpty() && !anyFinds(include, text)) {
            return false;
        }
        return !anyFinds(exclude, text);
    }

    private static boolean anyFinds(List<Pattern> patterns, String text) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
