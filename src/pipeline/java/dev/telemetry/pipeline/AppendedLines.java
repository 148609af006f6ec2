package dev.telemetry.pipeline;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The complete lines appended to a file since the last read: a partial last line waits for its newline. */
final class AppendedLines {

    private static final int MAX_READ_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private long offset;
    private String partialLine = "";

    AppendedLines(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The new non-blank lines; none while the file does not exist. A file shorter than before is read again. */
    synchronized List<String> read() throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) Math.min(in.length() - offset, MAX_READ_BYTES)];
            in.readFully(bytes);
            offset += bytes.length;
            String text = partialLine + new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            partialLine = end < 0 ? text : text.substring(end + 1);
            return end < 0
                    ? List.of()
                    : text.substring(0, end).lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
