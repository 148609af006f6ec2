package dev.telemetry.connect.source.logfile;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the bytes of a file become lines of text (encoding): where a line ends, the carriage return before its end, where
 * an overlong line may be cut, and the decoding. Positions stay byte positions in the file whatever the encoding.
 * Encodings whose newline is the one byte 0x0A (UTF-8, ISO-8859-1, US-ASCII, windows-1252, ...) are split on that
 * byte; UTF-16LE and UTF-16BE on the two-byte unit at an even position, so a file read from 0 or from a stored
 * position (always after a newline) stays aligned.
 */
abstract class LineCodec {

    static final LineCodec UTF_8 = new SingleByte(StandardCharsets.UTF_8);

    private final Charset charset;

    private LineCodec(Charset charset) {
        this.charset = charset;
    }

    /**
     * The codec of an {@code encoding} value; an IllegalArgumentException says why there is none (unknown name, or a
     * charset whose lines cannot be found without decoding, such as UTF-32 or UTF-16 with a byte-order mark).
     */
    static LineCodec forName(String encoding) {
        Charset charset;
        try {
            charset = Charset.forName(encoding.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Unknown character set '" + encoding + "' on this JVM");
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return UTF_8;
        }
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            return new Utf16(charset, false);
        }
        if (charset.equals(StandardCharsets.UTF_16BE)) {
            return new Utf16(charset, true);
        }
        if (!charset.canEncode()
                || !Arrays.equals("\r\n".getBytes(charset), new byte[] {'\r', '\n'})
                || charset.name().toUpperCase(Locale.ROOT).startsWith("UTF-16")) {
            throw new IllegalArgumentException("Character set '" + encoding + "' does not write a newline as the "
                    + "byte 0x0A: use UTF-8, an ISO-8859 or windows-125x set, UTF-16LE or UTF-16BE");
        }
        return new SingleByte(charset);
    }

    Charset charset() {
        return charset;
    }

    /** Bytes of a newline. */
    abstract int newlineBytes();

    /** The index of the first newline in {@code bytes[from, to)} ({@code from} is a line or unit start), or -1. */
    abstract int nextNewline(byte[] bytes, int from, int to);

    /** How many of {@code n} bytes read may be consumed now: a UTF-16 file is consumed in whole units. */
    abstract int consumable(int n);

    /** The end of the text {@code bytes[from, end)} without a carriage return just before {@code end}. */
    abstract int withoutCarriageReturn(byte[] bytes, int from, int end);

    /** The last position at or before {@code cut} that does not split a character. */
    abstract int characterBoundary(byte[] bytes, int from, int cut);

    /** The text of {@code bytes[from, to)}, malformed input replaced by U+FFFD. */
    String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, charset);
    }

    @Override
    public String toString() {
        return charset.name();
    }

    private static final class SingleByte extends LineCodec {
        private final boolean utf8;

        SingleByte(Charset charset) {
            super(charset);
            this.utf8 = charset.equals(StandardCharsets.UTF_8);
        }

        @Override
        int newlineBytes() {
            return 1;
        }

        @Override
        int nextNewline(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        @Override
        int consumable(int n) {
            return n;
        }

        @Override
        int withoutCarriageReturn(byte[] bytes, int from, int end) {
            return end > from && bytes[end - 1] == '\r' ? end - 1 : end;
        }

        @Override
        int characterBoundary(byte[] bytes, int from, int cut) {
            if (!utf8) {
                return cut;
            }
            int boundary = cut;
            while (boundary > from && (bytes[boundary] & 0xC0) == 0x80) {
                boundary--;
            }
            return boundary;
        }
    }

    private static final class Utf16 extends LineCodec {
        /** Index within a unit of the byte that is 0x0A in a newline (the other is 0). */
        private final int low;

        Utf16(Charset charset, boolean bigEndian) {
            super(charset);
            this.low = bigEndian ? 1 : 0;
        }

        @Override
        int newlineBytes() {
            return 2;
        }

        @Override
        int nextNewline(byte[] bytes, int from, int to) {
            for (int i = from; i + 1 < to; i += 2) {
                if (bytes[i + low] == '\n' && bytes[i + 1 - low] == 0) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        int consumable(int n) {
            return n & ~1;
        }

        @Override
        int withoutCarriageReturn(byte[] bytes, int from, int end) {
            return end - from >= 2 && bytes[end - 2 + low] == '\r' && bytes[end - 1 - low] == 0 ? end - 2 : end;
        }

        @Override
        int characterBoundary(byte[] bytes, int from, int cut) {
            int boundary = from + ((cut - from) & ~1);
            // A high surrogate (D800-DBFF) at the cut would be left without its low half.
            if (boundary - from >= 2 && (bytes[boundary - 2 + (1 - low)] & 0xFC) == 0xD8) {
                boundary -= 2;
            }
            return boundary;
        }
    }
}
