package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.AlertJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Appends alerts to a JSON Lines file, one alert a line; never truncates. {@link #flush()} forces the file to disk,
 * so an offset is committed only for alerts that are durable. With a rotation size, a file that has reached it is
 * renamed to {@code <name>.<UTC time>} and a new one started.
 */
public final class FileAlertSender implements AlertSender {

    private static final DateTimeFormatter ROTATION_SUFFIX =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path path;
    private final long rotateBytes;
    private final Clock clock;
    private FileChannel channel;

    /** @param rotateBytes size at which the file is rotated; 0 never rotates */
    public FileAlertSender(Path path, long rotateBytes, Clock clock) {
        this.path = path.toAbsolutePath();
        this.rotateBytes = rotateBytes;
        this.clock = clock;
    }

    @Override
    public DeliveryResult send(List<Alert> alerts) throws TransientFailureException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream(alerts.size() * 512);
        for (Alert alert : alerts) {
            lines.writeBytes(Json.bytes(AlertJson.of(alert)));
            lines.write('\n');
        }
        try {
            FileChannel out = channel();
            ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (rotateBytes > 0 && out.size() >= rotateBytes) {
                rotate();
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
        Path rotated = path.resolveSibling(path.getFileName() + "." + ROTATION_SUFFIX.format(clock.instant()));
        Files.move(path, rotated, StandardCopyOption.ATOMIC_MOVE);
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
