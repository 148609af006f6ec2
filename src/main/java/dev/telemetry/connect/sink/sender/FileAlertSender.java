package dev.telemetry.connect.sink.sender;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.access.PathAllowList;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.common.retry.TransientFailureException;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.payload.AlertJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends alerts to a JSON Lines file, one alert a line, each write whole lines. A writer thread of its own turns each
 * batch into lines and appends them, so the task thread converts the next records meanwhile: the lines took a fifth
 * of the task thread in the sink benchmark. {@link #flush()} waits for the writes handed over, then forces the file to
 * disk, so an offset is committed only for alerts that are durable; when a write or a sync failed, the alerts handed
 * over since the last good sync may be lost, and {@code flush} says so with {@link DeliveryNotDurableException}.
 *
 * <p>Every line of the file parses: when the file is opened and does not end in a newline (a write cut short by a
 * crash or a full disk), the fragment after the last newline is moved to {@code <name>.torn} and cut off. Its alert's
 * offset was never committed, so it is delivered again.
 *
 * <p>With a rotation size, a write that would take a non-empty file past it first renames the file to
 * {@code <name>.<n>}, n one more than the highest number already there, and starts a new one; a rename never replaces
 * an existing file. Several tasks (in one worker or several on one host) may share a file: opening, repairing,
 * rotating and appending happen under a lock on {@code <name>.lock}.
 */
public final class FileAlertSender implements AlertSender {

    private static final Logger log = LoggerFactory.getLogger(FileAlertSender.class);

    /** One monitor per file in this JVM: Java refuses overlapping {@link FileLock}s of one process. */
    private static final Map<Path, Object> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private static final int TAIL_CHUNK = 8192;

    /** Batches handed over and not yet written: {@link #send} waits beyond this, so memory stays bounded. */
    private static final int BATCHES_IN_FLIGHT = 4;

    /** Opens a file; the seam through which tests make writes and syncs fail. */
    interface ChannelOpener {
        FileChannel open(Path path, OpenOption... options) throws IOException;
    }

    private final Path path;
    /**
     * Every open of the alert file, its lock and its torn file: a link planted in the directory, even one into an
     * allowed place, never leads the writes elsewhere (the open fails instead).
     */
    private static final OpenOption NO_LINKS = LinkOption.NOFOLLOW_LINKS;

    private final Path lockPath;
    private final Path tornPath;
    private final long rotateBytes;
    private final ChannelOpener opener;
    private final Object localLock;
    private final Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
    /** The one thread that touches the file and every field below; {@link #send} only reads {@link #writeBug}. */
    private final ExecutorService writer;

    private FileChannel channel;
    private Object channelFileKey;
    /** Alerts were written through {@link #channel} since its last successful sync. */
    private boolean unsynced;
    /** Alerts reported delivered may be lost: a write failed, or a channel holding unsynced alerts was dropped. */
    private IOException durabilityLost;
    /** A batch could not be turned into lines: not the file's fault, so the task fails instead of retrying. */
    private volatile RuntimeException writeBug;

    private final PathAllowList writePaths = OperatorPolicy.ofWorker().writePaths();

    /** @param rotateBytes size at which the file is rotated; 0 never rotates */
    public FileAlertSender(Path path, long rotateBytes) {
        this(path, rotateBytes, FileChannel::open);
    }

    FileAlertSender(Path path, long rotateBytes, ChannelOpener opener) {
        this.path = path.toAbsolutePath();
        this.lockPath = sibling(".lock");
        this.tornPath = sibling(".torn");
        this.rotateBytes = rotateBytes;
        this.opener = opener;
        this.localLock = LOCAL_LOCKS.computeIfAbsent(this.path, p -> new Object());
        this.writer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "alert-file-writer-" + this.path.getFileName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Hands the batch to the writer thread and returns: the alerts count as delivered now and become durable at the
     * next {@link #flush}, which reports a failed write.
     */
    @Override
    public DeliveryResult send(List<Alert> alerts) throws InterruptedException {
        if (writeBug != null) {
            throw new IllegalStateException("Could not write alerts to " + path + " as JSON lines", writeBug);
        }
        List<Alert> batch = List.copyOf(alerts);
        inFlight.acquire();
        try {
            writer.execute(() -> {
                try {
                    write(batch);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException closed) {
            inFlight.release();
            throw new IllegalStateException("The alert file " + path + " is closed", closed);
        }
        return DeliveryResult.ALL_DELIVERED;
    }

    @Override
    public void flush() throws TransientFailureException, DeliveryNotDurableException {
        try {
            onWriter(this::sync);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeliveryNotDurableException notDurable) {
                throw notDurable;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Could not write alerts to " + path + " as JSON lines", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("Interrupted while syncing " + path, e);
        }
    }

    /** On the writer thread, after every batch handed over before. */
    private Void sync() throws DeliveryNotDurableException {
        if (writeBug != null) {
            throw writeBug;
        }
        if (channel != null && unsynced) {
            try {
                channel.force(true);
                unsynced = false;
            } catch (IOException e) {
                drop();
                durabilityLost = null;
                throw new DeliveryNotDurableException("Cannot sync " + path + " to disk: " + e, e);
            }
        }
        if (durabilityLost != null) {
            IOException cause = durabilityLost;
            durabilityLost = null;
            throw new DeliveryNotDurableException(
                    "Alerts handed over for " + path + " may not be on disk: a write failed (" + cause + ")", cause);
        }
        return null;
    }

    private <T> T onWriter(Callable<T> work) throws ExecutionException, InterruptedException {
        return writer.submit(work).get();
    }

    /** On the writer thread: the batch as lines, appended under the file's lock. */
    private void write(List<Alert> batch) {
        if (writeBug != null) {
            return;
        }
        ByteBuffer buffer;
        try {
            buffer = ByteBuffer.wrap(Json.bytes(out -> {
                // Each alert a line: no separator before a value, a newline after each.
                out.setRootValueSeparator(null);
                for (Alert alert : batch) {
                    AlertJson.write(out, alert);
                    out.writeRaw('\n');
                }
            }));
        } catch (RuntimeException e) {
            writeBug = e;
            return;
        }
        synchronized (localLock) {
            try (FileChannel lockChannel =
                            opener.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE, NO_LINKS);
                    FileLock ignored = lockChannel.lock()) {
                FileChannel out = current();
                if (rotateBytes > 0 && out.size() > 0 && out.size() + buffer.remaining() > rotateBytes) {
                    rotate();
                    out = current();
                }
                append(out, buffer);
            } catch (IOException e) {
                // The batch was reported delivered: it is lost whatever else was synced, and the next flush says so.
                IOException earlier = durabilityLost;
                drop();
                durabilityLost = earlier != null ? earlier : e;
                log.warn(
                        "Cannot append {} alert(s) to {}: {}; the next offset commit fails and they are delivered"
                                + " again",
                        batch.size(),
                        path,
                        e.toString());
            }
        }
    }

    /** The channel on the file now at {@link #path}, opened (and repaired) again when another writer rotated it. */
    private FileChannel current() throws IOException {
        if (channel != null && !Objects.equals(channelFileKey, fileKeyAtPath())) {
            syncAndClose();
        }
        if (channel == null) {
            // At every open, links resolved: a link swapped in for the file must not lead the writes elsewhere.
            Optional<String> refusal = writePaths.refusal(path);
            if (refusal.isPresent()) {
                throw new IOException("Not writing alerts to " + refusal.get());
            }
            channel = opener.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND, NO_LINKS);
            channelFileKey = fileKeyAtPath();
            repairTornTail(channel);
        }
        return channel;
    }

    /** Writes whole lines; a write cut short is cut off again, so the next one starts on a new line. */
    private void append(FileChannel out, ByteBuffer buffer) throws IOException {
        long sizeBefore = out.size();
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            unsynced = true;
        } catch (IOException e) {
            try {
                out.truncate(sizeBefore);
            } catch (IOException truncateFailed) {
                e.addSuppressed(truncateFailed);
            }
            throw e;
        }
    }

    /**
     * Moves a fragment after the file's last newline to {@code <name>.torn} and cuts it off. The fragment is a write
     * cut short: its alert was never synced, so its offset was never committed, and it is delivered again.
     */
    private void repairTornTail(FileChannel out) throws IOException {
        long size = out.size();
        if (size == 0) {
            return;
        }
        try (FileChannel in = opener.open(path, StandardOpenOption.READ, NO_LINKS)) {
            long lineEnd = endOfLastLine(in, size);
            if (lineEnd == size) {
                return;
            }
            try (FileChannel torn = opener.open(
                    tornPath,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND,
                    NO_LINKS)) {
                long position = lineEnd;
                while (position < size) {
                    position += in.transferTo(position, size - position, torn);
                }
                torn.write(ByteBuffer.wrap(new byte[] {'\n'}));
                torn.force(true);
            }
            out.truncate(lineEnd);
            out.force(true);
            log.warn(
                    "{} ended in {} bytes of an unfinished line (a write cut short); moved them to {}",
                    path,
                    size - lineEnd,
                    tornPath);
        }
    }

    /** The position just after the last newline; 0 when there is none. */
    private static long endOfLastLine(FileChannel in, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(TAIL_CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - TAIL_CHUNK);
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining() && in.read(chunk, start + chunk.position()) >= 0) {
                // Read the whole chunk.
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    private void rotate() throws IOException {
        syncAndClose();
        for (long n = highestRotation() + 1; ; n++) {
            try {
                // Without REPLACE_EXISTING the move fails rather than overwrite an earlier rotation.
                Files.move(path, sibling("." + n));
                return;
            } catch (FileAlreadyExistsException taken) {
                // A file of that number appeared meanwhile: try the next one.
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

    private void syncAndClose() throws IOException {
        if (unsynced) {
            channel.force(true);
            unsynced = false;
        }
        channel.close();
        channel = null;
    }

    /** Closes the channel after a failure; alerts written through it and not yet synced count as lost. */
    private void drop() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the next attempt opens the file again.
            }
            channel = null;
        }
        if (unsynced) {
            durabilityLost = new IOException("the channel holding unsynced alerts was closed after a failure");
            unsynced = false;
        }
    }

    private Object fileKeyAtPath() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private Path sibling(String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    /** Writes what was handed over, syncs and closes the file, and ends the writer thread. */
    @Override
    public void close() {
        try {
            onWriter(() -> {
                if (channel != null) {
                    try {
                        syncAndClose();
                    } catch (IOException e) {
                        // Unsynced alerts have uncommitted offsets and are redelivered.
                        drop();
                    }
                }
                return null;
            });
        } catch (ExecutionException | RejectedExecutionException e) {
            log.warn("Could not close {} cleanly: {}", path, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.shutdownNow();
        }
    }
}
