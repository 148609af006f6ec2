package dev.telemetry.connect.source.logfile;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One file being tailed: its handle (kept across renames and deletion, so a rotated file is read to its end), the
 * position up to which it has been read, the line being read, the pieces of a line a container runtime split, and the
 * multiline event being assembled. Lines are split on \n, a \r before it is dropped, bytes are decoded in the file's
 * encoding ({@link LineCodec}, UTF-8 by default) with malformed input replaced. Each line then has its container
 * wrapper taken off (container.format), and the lines are grouped into events (multiline). Memory per file is bounded
 * by max.event.bytes, whatever the length of a line. A file read to its end can release its handle
 * ({@link #release()}) and keep its position, to be {@link #reopen reopened} when it changes.
 */
final class TailedFile implements Closeable {

    static final String POSITION_KEY = "position";
    static final String LINE_KEY = "line";
    static final String FINGERPRINT_KEY = "fingerprint";
    static final String FINGERPRINT_BYTES_KEY = "fingerprint.bytes";
    static final String PATH_KEY = "path";

    private static final int INITIAL_PARTIAL_BYTES = 128;

    private final FileIdentity identity;
    private final Map<String, Object> partition;
    private final int maxEventBytes;
    private final int fingerprintBytes;
    private final MultilineAssembler assembler;
    private final ContainerLines containerLines;
    private final LineCodec codec;

    /** The open handle; null while released. */
    private FileChannel channel;

    private Path path;
    private boolean matched = true;
    private long readPosition;
    /** Times the file was found truncated or rewritten in place and read again from its start. */
    private long restarts;

    private long lineStart;
    private long lineNumber;
    private byte[] partial = new byte[INITIAL_PARTIAL_BYTES];
    private int partialLength;
    private boolean partialTruncated;
    private long lastGrowthMs;

    /** The file's first bytes as last seen, to notice it being truncated or rewritten in place. */
    private final byte[] head;

    private int headLength;
    private Fingerprint completeFingerprint;

    TailedFile(
            FileIdentity identity,
            Path path,
            FileChannel channel,
            long startPosition,
            long startLine,
            int maxEventBytes,
            int fingerprintBytes,
            MultilineRule multiline,
            long nowMs)
            throws IOException {
        this(
                identity,
                path,
                channel,
                startPosition,
                startLine,
                maxEventBytes,
                fingerprintBytes,
                multiline,
                ContainerFormat.NONE,
                LineCodec.UTF_8,
                nowMs);
    }

    TailedFile(
            FileIdentity identity,
            Path path,
            FileChannel channel,
            long startPosition,
            long startLine,
            int maxEventBytes,
            int fingerprintBytes,
            MultilineRule multiline,
            ContainerFormat container,
            LineCodec codec,
            long nowMs)
            throws IOException {
        this.identity = identity;
        this.partition = identity.sourcePartition();
        this.path = path;
        this.channel = channel;
        this.maxEventBytes = maxEventBytes;
        this.fingerprintBytes = fingerprintBytes;
        this.assembler = multiline == null ? null : new MultilineAssembler(multiline, maxEventBytes);
        this.containerLines = container == ContainerFormat.NONE ? null : new ContainerLines(container, maxEventBytes);
        this.codec = codec;
        this.head = new byte[fingerprintBytes];
        this.readPosition = startPosition;
        this.lineStart = startPosition;
        this.lineNumber = startLine;
        this.lastGrowthMs = nowMs;
        refreshHead(startPosition);
    }

    FileIdentity identity() {
        return identity;
    }

    Map<String, Object> partition() {
        return partition;
    }

    Path path() {
        return path;
    }

    void seenAt(Path current) {
        this.path = current;
        this.matched = true;
    }

    boolean matched() {
        return matched;
    }

    void unmatched() {
        this.matched = false;
    }

    /** How far the read position trails the file's size, as the open handle sees it now; 0 when released. */
    long unreadBytes() throws IOException {
        return channel == null ? 0 : Math.max(0, channel.size() - readPosition);
    }

    long restarts() {
        return restarts;
    }

    long readPosition() {
        return readPosition;
    }

    boolean isOpen() {
        return channel != null;
    }

    /**
     * Closes the handle of a file read to its end; position, line number and head stay for {@link #reopen}. The
     * buffers a long line or event grew are dropped: only open files hold event memory.
     */
    void release() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (partial.length > INITIAL_PARTIAL_BYTES) {
            partial = new byte[INITIAL_PARTIAL_BYTES];
        }
        if (assembler != null) {
            assembler.trim();
        }
        if (containerLines != null) {
            containerLines.trim();
        }
    }

    /**
     * Opens the released file again at {@code current}, if the file there is still this one; returns whether it did.
     * A file rewritten meanwhile is noticed by the next {@link #read} as if it had stayed open.
     */
    boolean reopen(Path current, long nowMs) throws IOException {
        FileChannel reopened = FileChannel.open(current, StandardOpenOption.READ);
        try {
            if (!identity.equals(FileIdentity.of(current))) {
                reopened.close();
                return false;
            }
        } catch (IOException e) {
            reopened.close();
            throw e;
        }
        channel = reopened;
        path = current;
        lastGrowthMs = nowMs;
        return true;
    }

    /**
     * Reads what the file holds beyond the read position into {@code buffer} (once) and hands the events it
     * completes to {@code out}, completing at most {@code maxLines} lines: the bytes after the last of them are left
     * for the next read, so what one read emits is bounded by the caller's batch, not by the buffer (a buffer of blank
     * lines is as many events). Returns the number of bytes consumed, 0 at the end of the file. A file that is shorter
     * than the read position, or whose first bytes changed, was truncated or rewritten (copytruncate): the event
     * being assembled is emitted, and reading starts again at 0.
     */
    int read(ByteBuffer buffer, long nowMs, int maxLines, Consumer<LogEvent> out) throws IOException {
        if (channel == null) {
            return 0;
        }
        if (rewritten()) {
            restartFromZero(out);
        }
        buffer.clear();
        int n = codec.consumable(channel.read(buffer, readPosition));
        if (n <= 0) {
            return 0;
        }
        byte[] bytes = buffer.array();
        long base = readPosition;
        int newline = codec.newlineBytes();
        int segmentStart = 0;
        int lines = 0;
        int i;
        while ((i = codec.nextNewline(bytes, segmentStart, n)) >= 0) {
            completeLine(bytes, segmentStart, i, base + i + newline, nowMs, out);
            segmentStart = i + newline;
            if (++lines == maxLines) {
                n = segmentStart;
                break;
            }
        }
        if (segmentStart < n) {
            keepPartial(bytes, segmentStart, n);
        }
        readPosition += n;
        lastGrowthMs = nowMs;
        if (headLength < fingerprintBytes && headLength < readPosition) {
            refreshHead(readPosition);
        }
        return n;
    }

    /**
     * Emits what waits on time: a last line without newline once the file has not grown for
     * {@code partialLineTimeoutMs} (0: never), and a multiline event no line has joined for its timeout.
     */
    void flushIdle(long nowMs, long partialLineTimeoutMs, Consumer<LogEvent> out) throws IOException {
        if (channel == null) {
            return;
        }
        if (lineStart < readPosition
                && partialLineTimeoutMs > 0
                && nowMs - lastGrowthMs >= partialLineTimeoutMs
                && channel.size() == readPosition) {
            emitLine(codec.decode(partial, 0, partialLength), readPosition, partialTruncated, nowMs, out);
            partialLength = 0;
            partialTruncated = false;
        }
        if (containerLines != null
                && containerLines.hasPending()
                && partialLineTimeoutMs > 0
                && nowMs - lastGrowthMs >= partialLineTimeoutMs) {
            containerLines.flush(line -> group(line, nowMs, out));
        }
        if (assembler != null) {
            assembler.flushIfIdle(nowMs, out);
        }
    }

    /** Whether the file has been read to its end and nothing waits to be emitted; a released file always is. */
    boolean drained() throws IOException {
        if (channel == null) {
            return true;
        }
        return readPosition >= channel.size()
                && lineStart == readPosition
                && (containerLines == null || !containerLines.hasPending())
                && (assembler == null || !assembler.hasPending());
    }

    long idleSinceMs() {
        return lastGrowthMs;
    }

    /**
     * The offset to store with {@code event}: the position after it, its last line, and the file's fingerprint. Small
     * and immutable: the worker keeps every record, offset included, until the producer has sent it, so with a full
     * producer buffer tens of thousands of them are alive at once.
     */
    Map<String, Object> offsetAfter(LogEvent event) throws IOException {
        return new FileOffset(event.endOffset(), event.lastLine(), fingerprint(event.endOffset()), path.toString());
    }

    private Fingerprint fingerprint(long upTo) throws IOException {
        if (completeFingerprint != null) {
            return completeFingerprint;
        }
        int length = (int) Math.min(fingerprintBytes, upTo);
        if (length == 0) {
            return null;
        }
        if (headLength < length) {
            refreshHead(upTo);
        }
        if (headLength < length) {
            return null;
        }
        Fingerprint fingerprint = new Fingerprint(Fingerprint.hash(head, length), length);
        if (length == fingerprintBytes) {
            completeFingerprint = fingerprint;
        }
        return fingerprint;
    }

    private void refreshHead(long upTo) throws IOException {
        int length = (int) Math.min(fingerprintBytes, Math.max(upTo, headLength));
        ByteBuffer buffer = ByteBuffer.wrap(head, 0, length);
        int read = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, read);
            if (n <= 0) {
                break;
            }
            read += n;
        }
        headLength = read;
    }

    private boolean rewritten() throws IOException {
        if (channel.size() < readPosition) {
            return true;
        }
        if (headLength == 0) {
            return false;
        }
        ByteBuffer now = ByteBuffer.allocate(headLength);
        while (now.hasRemaining()) {
            if (channel.read(now, now.position()) <= 0) {
                return true;
            }
        }
        return !Arrays.equals(now.array(), 0, headLength, head, 0, headLength);
    }

    private void restartFromZero(Consumer<LogEvent> out) {
        if (containerLines != null) {
            containerLines.flush(line -> group(line, 0, out));
        }
        if (assembler != null) {
            assembler.flush(out);
        }
        restarts++;
        readPosition = 0;
        lineStart = 0;
        lineNumber = 0;
        partialLength = 0;
        partialTruncated = false;
        headLength = 0;
        completeFingerprint = null;
    }

    private void completeLine(byte[] bytes, int from, int to, long endOffset, long nowMs, Consumer<LogEvent> out) {
        String text;
        boolean truncated;
        if (partialLength == 0 && !partialTruncated) {
            int end = codec.withoutCarriageReturn(bytes, from, to);
            truncated = end - from > maxEventBytes;
            text = codec.decode(
                    bytes, from, truncated ? codec.characterBoundary(bytes, from, from + maxEventBytes) : end);
        } else {
            keepPartial(bytes, from, to);
            int end = partialTruncated ? partialLength : codec.withoutCarriageReturn(partial, 0, partialLength);
            truncated = partialTruncated;
            text = codec.decode(partial, 0, end);
            partialLength = 0;
            partialTruncated = false;
        }
        emitLine(text, endOffset, truncated, nowMs, out);
    }

    private void emitLine(String text, long endOffset, boolean truncated, long nowMs, Consumer<LogEvent> out) {
        lineNumber++;
        LogEvent line = new LogEvent(text, lineStart, endOffset, lineNumber, lineNumber, truncated);
        lineStart = endOffset;
        if (containerLines == null) {
            group(line, nowMs, out);
        } else {
            containerLines.add(line, unwrapped -> group(unwrapped, nowMs, out));
        }
    }

    /** Hands a line (unwrapped, if the file has a container wrapper) to the multiline rule, if any. */
    private void group(LogEvent line, long nowMs, Consumer<LogEvent> out) {
        if (assembler == null) {
            out.accept(line);
        } else {
            assembler.add(line, nowMs, out);
        }
    }

    /** Keeps up to max.event.bytes of the line being read; the rest is skipped and the line flagged truncated. */
    private void keepPartial(byte[] bytes, int from, int to) {
        if (partialTruncated) {
            return;
        }
        int room = maxEventBytes - partialLength;
        if (to - from > room) {
            room = codec.characterBoundary(bytes, from, from + Math.max(room, 0)) - from;
        }
        int length = Math.min(to - from, room);
        if (length < to - from) {
            partialTruncated = true;
        }
        if (length <= 0) {
            return;
        }
        if (partial.length < partialLength + length) {
            partial = Arrays.copyOf(
                    partial, Math.min(maxEventBytes, Math.max(partial.length * 2, partialLength + length)));
        }
        System.arraycopy(bytes, from, partial, partialLength, length);
        partialLength += length;
    }

    @Override
    public void close() throws IOException {
        release();
    }

    @Override
    public String toString() {
        return path + " (" + identity + ") at " + readPosition;
    }
}
