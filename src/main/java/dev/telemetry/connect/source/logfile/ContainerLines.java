package dev.telemetry.connect.source.logfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Takes a container runtime's wrapper off each line of one file and joins the pieces of a line the runtime split: CRI
 * writes a long line as 'P' (partial) lines ended by an 'F' (full) one, Docker's json-file driver splits at 16 KiB and
 * ends only the last piece's {@code log} with a newline. The pieces of one line are consecutive in the file, so an
 * event covers one byte range and its offset (after its last piece) never lies inside a line; a piece followed by a
 * line of the other stream, or by nothing for partial.line.timeout.ms (the runtime stopped mid-line), ends its event
 * as it is. A line without a valid wrapper is kept whole, with why in its {@link ContainerOrigin#error()}. The joined
 * text is capped at max.event.bytes characters, the rest left out and the event flagged truncated.
 */
final class ContainerLines {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String STDOUT = "stdout";
    private static final String STDERR = "stderr";

    private final ContainerFormat format;
    private final int maxEventChars;

    // The line just unwrapped.
    private String message;
    private String stream;
    private String time;
    private boolean partial;

    // The pieces of the line being joined.
    private final StringBuilder pending = new StringBuilder();
    private boolean pendingPieces;
    private long startOffset;
    private long endOffset;
    private long firstLine;
    private long lastLine;
    private boolean truncated;
    private ContainerOrigin origin;

    ContainerLines(ContainerFormat format, int maxEventChars) {
        this.format = format;
        this.maxEventChars = maxEventChars;
    }

    /** Unwraps one line of the file; hands the event it completes, if any, to {@code out}. */
    void add(LogEvent line, Consumer<LogEvent> out) {
        String error = unwrap(line.text());
        if (error != null) {
            flush(out);
            out.accept(line.withContainer(line.text(), ContainerOrigin.invalid(error)));
            return;
        }
        if (pendingPieces && !Objects.equals(stream, origin.stream())) {
            flush(out);
        }
        if (!pendingPieces && !partial) {
            out.accept(line.withContainer(message, new ContainerOrigin(stream, time, null)));
            return;
        }
        if (!pendingPieces) {
            pendingPieces = true;
            startOffset = line.startOffset();
            firstLine = line.firstLine();
            truncated = false;
            origin = new ContainerOrigin(stream, time, null);
        }
        append(message);
        truncated |= line.truncated();
        endOffset = line.endOffset();
        lastLine = line.lastLine();
        if (!partial) {
            flush(out);
        }
    }

    boolean hasPending() {
        return pendingPieces;
    }

    /** Emits the pieces joined so far as one event: the rest of their line is not coming. */
    void flush(Consumer<LogEvent> out) {
        if (!pendingPieces) {
            return;
        }
        LogEvent event =
                new LogEvent(pending.toString(), startOffset, endOffset, firstLine, lastLine, truncated, origin);
        pending.setLength(0);
        pendingPieces = false;
        origin = null;
        out.accept(event);
    }

    /** Gives back the memory a long line grew; only called with nothing pending. */
    void trim() {
        pending.setLength(0);
        pending.trimToSize();
    }

    private void append(String piece) {
        int room = maxEventChars - pending.length();
        if (piece.length() <= room) {
            pending.append(piece);
            return;
        }
        truncated = true;
        if (room > 0) {
            int cut = Character.isHighSurrogate(piece.charAt(room - 1)) ? room - 1 : room;
            pending.append(piece, 0, cut);
        }
    }

    /** Reads the wrapper of {@code text} into message, stream, time and partial; returns why it cannot, or null. */
    private String unwrap(String text) {
        return switch (format) {
            case CRI -> unwrapCri(text);
            case DOCKER -> unwrapDocker(text);
            case AUTO -> !text.isEmpty() && text.charAt(0) == '{' ? unwrapDocker(text) : unwrapCri(text);
            case NONE -> throw new IllegalStateException("no container wrapper to take off");
        };
    }

    /** {@code <RFC 3339 time> <stdout|stderr> <tags> <message>}; the first tag is P (partial) or F (full). */
    private String unwrapCri(String text) {
        int timeEnd = text.indexOf(' ');
        int streamEnd = timeEnd < 0 ? -1 : text.indexOf(' ', timeEnd + 1);
        if (timeEnd <= 0 || streamEnd < 0 || !Character.isDigit(text.charAt(0))) {
            return "not a CRI log line (<time> <stdout|stderr> <P|F> <message>)";
        }
        stream = streamOf(text, timeEnd + 1, streamEnd);
        if (stream == null) {
            return "not a CRI log line: stream '" + text.substring(timeEnd + 1, streamEnd)
                    + "' is neither stdout nor stderr";
        }
        int tagsEnd = text.indexOf(' ', streamEnd + 1);
        int end = tagsEnd < 0 ? text.length() : tagsEnd;
        char tag = end > streamEnd + 1 ? text.charAt(streamEnd + 1) : ' ';
        if ((tag != 'P' && tag != 'F') || (end > streamEnd + 2 && text.charAt(streamEnd + 2) != ':')) {
            return "not a CRI log line: tag '" + text.substring(streamEnd + 1, end) + "' is neither P nor F";
        }
        partial = tag == 'P';
        time = text.substring(0, timeEnd);
        message = tagsEnd < 0 ? "" : text.substring(tagsEnd + 1);
        return null;
    }

    private static String streamOf(String text, int from, int to) {
        if (to - from != STDOUT.length()) {
            return null;
        }
        if (text.startsWith(STDOUT, from)) {
            return STDOUT;
        }
        return text.startsWith(STDERR, from) ? STDERR : null;
    }

    /** {@code {"log": "...", "stream": "...", "time": "..."}}; a log without its final newline is a piece. */
    private String unwrapDocker(String text) {
        String log = null;
        String streamName = null;
        String timeText = null;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "not a Docker json-file line: not a JSON object";
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (name) {
                        case "log" -> log = parser.getText();
                        case "stream" -> streamName = parser.getText();
                        case "time" -> timeText = parser.getText();
                        default -> {
                            // attrs and other keys a driver may add
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return "not a Docker json-file line: "
                    + e.getMessage().lines().findFirst().orElse("not JSON");
        }
        if (log == null) {
            return "not a Docker json-file line: no string 'log'";
        }
        stream = STDOUT.equals(streamName) ? STDOUT : STDERR.equals(streamName) ? STDERR : streamName;
        time = timeText;
        partial = !log.endsWith("\n");
        int end = partial ? log.length() : log.length() - 1;
        if (!partial && end > 0 && log.charAt(end - 1) == '\r') {
            end--;
        }
        message = end == log.length() ? log : log.substring(0, end);
        return null;
    }
}
