package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.AlertJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Appends alerts to a JSON Lines file, one alert a line; never truncates. {@link #flush()} forces the file to disk,
 * so an offset is committed only for alerts that are durable. With a rotation size, a write that would take a
 * non-empty file past it first renames the file to {@code <name>.<n>}, n one more than the highest number already
 * there, and starts a new one; a rename never replaces an existing file.
 */
public final class FileAlertSender implements AlertSender {

    private final Path path;
    private final long rotateBytes;
    private FileChannel channel;

    /** @param rotateBytes size at which the file is rotated; 0 never rotates */
    public FileAlertSender(Path path, long rotateBytes) {
        this.path = path.toAbsolutePath();
        this.rotateBytes = rotateBytes;
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) throws TransientFailureException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(alerts.size() * 512);
        for (Alert alert : alerts) {
            lines.writeBytes(Json.bytes(AlertJson.of(alert)));
            lines.write('\n');
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            if (rotateBytes > 0) {
                long size = channel().size();
                if (size > 0 && size + buffer.remaining() > rotateBytes) {
                    rotate();
                }
            }
            FileChannel out = channel();
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException e) {
            closeQuietly();
            throw new TransientFailureException("Cannot append to " + path + ": " + e, e);
        }
        return DeliveryResult.ALL_DELIVERED;
    }

    @Override
    public void flush() throws TransientFailureException {
        if (channel == null) {
            return;
        }
        try {
            channel.force(true);
        } catch (IOException e) {
            closeQuietly();
            throw new TransientFailureException("Cannot sync " + path + " to disk: " + e, e);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return channel;
    }

    private void rotate() throws IOException {
        channel.force(true);
        channel.close();
        channel = null;
        for (long n = highestRotation() + 1; ; n++) {
            try {
                // Without REPLACE_EXISTING the move fails rather than overwrite an earlier rotation.
                Files.move(path, path.resolveSibling(path.getFileName() + "." + n));
                return;
            } catch (FileAlreadyExistsException taken) {
                // Another writer rotated to this number meanwhile: try the next one.
            }
        }
    }

    /** The highest n of the existing {@code <name>.<n>} files; 0 when there is none. */
    private long highestRotation() throws IOException {
        Pattern rotated = Pattern.compile(Pattern.quote(path.getFileName().toString()) + "\\.(\\d{1,18})");
        try (Stream<Path> siblings = Files.list(path.getParent())) {
            return siblings.map(sibling -> rotated.matcher(sibling.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToLong(match -> Long.parseLong(match.group(1)))
                    .max()
                    .orElse(0);
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the next attempt reopens the file.
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.force(true);
            } catch (IOException ignored) {
                // Unsynced alerts have uncommitted offsets and are redelivered.
            }
            closeQuietly();
        }
    }
}
