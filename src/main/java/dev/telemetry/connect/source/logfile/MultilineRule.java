package dev.telemetry.connect.source.logfile;

import java.util.regex.Pattern;

/**
 * Which lines continue an event, as Filebeat defines it: a line is a continuation when it matches {@code pattern}
 * (or, with {@code negate}, when it does not). With {@code before} false a continuation joins the line before it;
 * with {@code before} true it joins the line after it.
 */
record MultilineRule(Pattern pattern, boolean negate, boolean before, int maxLines, long timeoutMs) {

    public boolean isContinuation(String line) {
        return pattern.matcher(line).find() != negate;
    }
}
