package dev.telemetry.connect.source.logfile;

import java.util.function.Consumer;

/**
 * Groups the lines of one file into events by a {@link MultilineRule}, keeping at most {@code maxEventBytes} of text
 * per event (later lines of an overlong event are counted in its range but left out of its text, and the event is
 * flagged truncated). Holds only the event being assembled.
 */
final class MultilineAssembler {

    private final MultilineRule rule;
    private final int maxEventBytes;

    private final StringBuilder text = new StringBuilder();
    private int textBytes;
    private int lines;
    private long startOffset;
    private long endOffset;
    private long firstLine;
    private long lastLine;
    private boolean truncated;
    private ContainerOrigin container;
    private long lastLineAtMs;

    MultilineAssembler(MultilineRule rule, int maxEventBytes) {
        this.rule = rule;
        this.maxEventBytes = maxEventBytes;
    }

    /** Adds a line read at {@code nowMs}; hands every event it completes to {@code out}. */
    void add(LogEvent line, long nowMs, Consumer<LogEvent> out) {
        boolean continuation = rule.isContinuation(line.text());
        if (!rule.before()) {
            if (!continuation || lines == 0) {
                flush(out);
            }
            append(line);
            if (lines >= rule.maxLines()) {
                flush(out);
            }
        } else {
            append(line);
            if (!continuation || lines >= rule.maxLines()) {
                flush(out);
            }
        }
        lastLineAtMs = nowMs;
    }

    /** Emits the pending event if no line has joined it for the rule's timeout. */
    void flushIfIdle(long nowMs, Consumer<LogEvent> out) {
        if (lines > 0 && nowMs - lastLineAtMs >= rule.timeoutMs()) {
            flush(out);
        }
    }

    /** Gives back the memory a long event grew; only called with no event pending. */
    void trim() {
        text.trimToSize();
    }

    boolean hasPending() {
        return lines > 0;
    }

    void flush(Consumer<LogEvent> out) {
        if (lines == 0) {
            return;
        }
        out.accept(new LogEvent(text.toString(), startOffset, endOffset, firstLine, lastLine, truncated, container));
        text.setLength(0);
        textBytes = 0;
        lines = 0;
        truncated = false;
    }

    private void append(LogEvent line) {
        // The line's bytes in the file without its \n, at most what the reader kept of it; inside a container
        // wrapper, which the file's bytes include, the length of the text.
        int lineBytes = line.container() != null
                ? line.text().length()
                : (int) Math.max(0, Math.min(line.endOffset() - line.startOffset() - 1, maxEventBytes));
        if (lines == 0) {
            startOffset = line.startOffset();
            firstLine = line.firstLine();
            text.append(line.text());
            textBytes = lineBytes;
            truncated = line.truncated();
            container = line.container();
        } else if (textBytes + 1 + lineBytes <= maxEventBytes) {
            text.append('\n').append(line.text());
            textBytes += 1 + lineBytes;
            truncated |= line.truncated();
        } else {
            truncated = true;
        }
        endOffset = line.endOffset();
        lastLine = line.lastLine();
        lines++;
    }
}
