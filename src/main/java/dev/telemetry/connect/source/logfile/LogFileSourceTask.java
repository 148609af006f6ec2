package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the files of the connector's globs that belong to this task (split by identity, so a renamed file stays with
 * its task). Every scan expands the globs, opens new files and notes which files no longer match (renamed away or
 * deleted): those are read to their end, closed after close.inactive.ms and forgotten, their offsets removed with
 * clean.removed. A matching file read to its end and inactive for close.inactive.ms releases its handle and is opened
 * again when it grows or is truncated. Each record carries as offset the byte position after its event, so a
 * restarted task resumes exactly after the last committed event.
 */
public class LogFileSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(LogFileSourceTask.class);

    private final LongSupplier clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<FileIdentity, TailedFile> files = new LinkedHashMap<>();
    private final ArrayDeque<SourceRecord> ready = new ArrayDeque<>();
    /** Records returned by poll and not yet acknowledged by the worker through commitRecord. */
    private final AtomicLong unacknowledged = new AtomicLong();
    /** Notified when the unacknowledged records fall back to max.in.flight.records. */
    private final Object acknowledgements = new Object();

    private LogFileSourceConfig config;
    private List<FileGlob> globs;
    private LogRecordFactory records;
    private MultilineRule multiline;
    private ByteBuffer buffer;
    private long nextScanMs;
    private boolean firstScanDone;
    private int maxInFlight;
    private boolean limitingInFlight;

    public LogFileSourceTask() {
        this(System::currentTimeMillis);
    }

    LogFileSourceTask(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new LogFileSourceConfig(props);
        globs = config.globs();
        records = LogRecordFactory.of(config);
        multiline = config.multilineRule();
        buffer = ByteBuffer.allocate(config.readBufferBytes());
        maxInFlight = config.maxInFlightRecords();
        limitingInFlight = maxInFlight > 0;
        for (FileGlob glob : globs) {
            if (!Files.isDirectory(glob.baseDirectory())) {
                log.warn(
                        "Directory {} of glob {} does not exist yet; its files are picked up once it does",
                        glob.baseDirectory(),
                        glob);
            }
        }
        log.info("Tailing {} as task {} of {}", globs, config.taskIndex(), config.taskCount());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!roomInFlight()) {
            return null;
        }
        if (ready.isEmpty()) {
            fill();
        }
        if (ready.isEmpty()) {
            stopped.await(config.pollWaitMs(), TimeUnit.MILLISECONDS);
            return null;
        }
        int size = Math.min(ready.size(), config.maxBatchSize());
        List<SourceRecord> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(ready.poll());
        }
        unacknowledged.addAndGet(size);
        return batch;
    }

    /**
     * Whether this poll may return records: at most max.in.flight.records unacknowledged, waiting up to poll.wait.ms
     * for that. A wait in which no record at all is acknowledged suspends the limit until every outstanding record is
     * within it again: acknowledgements that come only at a transaction commit (exactly-once with an interval
     * boundary) or not during a broker outage must not stall the task.
     */
    private boolean roomInFlight() throws InterruptedException {
        long outstanding = unacknowledged.get();
        if (!limitingInFlight) {
            limitingInFlight = maxInFlight > 0 && outstanding <= maxInFlight;
            return true;
        }
        if (outstanding <= maxInFlight) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.pollWaitMs());
        synchronized (acknowledgements) {
            long left;
            while (unacknowledged.get() > maxInFlight
                    && stopped.getCount() > 0
                    && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(acknowledgements, left);
            }
        }
        long now = unacknowledged.get();
        if (now > maxInFlight && now >= outstanding) {
            log.info(
                    "No record was acknowledged in {} ms with {} outstanding: not limiting records in flight until "
                            + "they are acknowledged",
                    config.pollWaitMs(),
                    now);
            limitingInFlight = false;
            return true;
        }
        return now <= maxInFlight;
    }

    /** Counts the record as acknowledged; runs on the producer's thread, so it only counts and wakes. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (unacknowledged.decrementAndGet() == maxInFlight) {
            synchronized (acknowledgements) {
                acknowledgements.notifyAll();
            }
        }
    }

    /** Reads until a batch is ready or every file is at its end; holds the lock that {@link #stop()} closes under. */
    private synchronized void fill() {
        if (stopped.getCount() == 0) {
            return;
        }
        long now = clock.getAsLong();
        try {
            if (now >= nextScanMs) {
                scan(now);
                nextScanMs = now + config.scanIntervalMs();
            }
            boolean progress = true;
            while (progress && ready.size() < config.maxBatchSize()) {
                progress = false;
                for (TailedFile file : files.values()) {
                    if (file.read(buffer, now, event -> emit(file, event, now)) > 0) {
                        progress = true;
                    }
                }
            }
            for (TailedFile file : files.values()) {
                file.flushIdle(now, config.partialLineTimeoutMs(), event -> emit(file, event, now));
            }
        } catch (IOException e) {
            throw new ConnectException("Reading log files failed: " + e.getMessage(), e);
        }
    }

    private void emit(TailedFile file, LogEvent event, long now) {
        try {
            ready.add(records.record(event, file.path(), now, file.partition(), file.offsetAfter(event)));
        } catch (IOException e) {
            throw new ConnectException("Cannot read the fingerprint of " + file.path(), e);
        }
    }

    /** Expands the globs, opens new files of this task, follows renames, and closes finished unmatched files. */
    private void scan(long now) throws IOException {
        Map<FileIdentity, Path> found = new LinkedHashMap<>();
        for (FileGlob glob : globs) {
            for (Path path : glob.matchingFiles()) {
                try {
                    FileIdentity identity = FileIdentity.of(path);
                    if (identity.ownedBy(config.taskIndex(), config.taskCount())) {
                        found.putIfAbsent(identity, path);
                    }
                } catch (NoSuchFileException e) {
                    // Rotated away between the listing and the stat: the next scan finds it under its new name.
                }
            }
        }
        for (TailedFile file : files.values()) {
            if (!found.containsKey(file.identity())) {
                file.unmatched();
            }
        }
        Map<FileIdentity, Path> unseen = new LinkedHashMap<>();
        for (Map.Entry<FileIdentity, Path> entry : found.entrySet()) {
            TailedFile known = files.get(entry.getKey());
            if (known != null) {
                known.seenAt(entry.getValue());
                if (!known.isOpen()) {
                    reopenIfChanged(known, entry.getValue(), now);
                }
            } else {
                unseen.put(entry.getKey(), entry.getValue());
            }
        }
        if (!unseen.isEmpty()) {
            openAll(unseen, now);
        }
        closeInactive(now);
        firstScanDone = true;
    }

    private void openAll(Map<FileIdentity, Path> unseen, long now) throws IOException {
        List<Map<String, Object>> partitions = new ArrayList<>(unseen.size());
        unseen.keySet().forEach(identity -> partitions.add(identity.sourcePartition()));
        Map<Map<String, Object>, Map<String, Object>> committed =
                context.offsetStorageReader().offsets(partitions);
        for (Map.Entry<FileIdentity, Path> entry : unseen.entrySet()) {
            FileIdentity identity = entry.getKey();
            Path path = entry.getValue();
            FileChannel channel;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
                if (!identity.equals(FileIdentity.of(path))) {
                    // Replaced between stat and open: the next scan sees the file now at this path.
                    channel.close();
                    continue;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            Map<String, Object> offset = committed == null ? null : committed.get(identity.sourcePartition());
            long[] start = startOf(identity, path, channel, offset);
            files.put(
                    identity,
                    new TailedFile(
                            identity,
                            path,
                            channel,
                            start[0],
                            start[1],
                            config.maxEventBytes(),
                            config.fingerprintBytes(),
                            multiline,
                            now));
        }
    }

    /** Position and line number to start {@code channel} at: the committed offset if it is still this file's. */
    private long[] startOf(FileIdentity identity, Path path, FileChannel channel, Map<String, Object> offset)
            throws IOException {
        long size = channel.size();
        if (offset != null) {
            long position = ((Number) offset.get(TailedFile.POSITION_KEY)).longValue();
            Object line = offset.get(TailedFile.LINE_KEY);
            Object hash = offset.get(TailedFile.FINGERPRINT_KEY);
            Object hashBytes = offset.get(TailedFile.FINGERPRINT_BYTES_KEY);
            boolean sameContent = hash == null
                    || hashBytes == null
                    || Objects.equals(hash, hashOf(channel, ((Number) hashBytes).intValue()));
            if (position <= size && sameContent) {
                log.info("Resuming {} ({}) at byte {}", path, identity, position);
                return new long[] {position, line instanceof Number n ? n.longValue() : 0};
            }
            log.info(
                    "{} ({}) is not the file its committed offset {} was taken of (truncated, rewritten or a "
                            + "reused inode): reading it from the start",
                    path,
                    identity,
                    offset);
            return new long[] {0, 0};
        }
        if (!firstScanDone && config.startAtEnd()) {
            log.info("Starting {} ({}) at its end, byte {}", path, identity, size);
            return new long[] {size, 0};
        }
        log.info("Reading {} ({}) from the start", path, identity);
        return new long[] {0, 0};
    }

    private static String hashOf(FileChannel channel, int length) throws IOException {
        Fingerprint fingerprint = Fingerprint.of(channel, length);
        return fingerprint == null ? null : fingerprint.hash();
    }

    /** Reopens a released file whose size is no longer its read position: it grew, or it was truncated. */
    private void reopenIfChanged(TailedFile file, Path path, long now) throws IOException {
        try {
            if (Files.size(path) != file.readPosition() && file.reopen(path, now)) {
                log.info("Reopened {}: it changed after its handle was closed", file);
            }
        } catch (NoSuchFileException e) {
            // Renamed or deleted since the scan listed it: the next scan finds it under its new name, or not at all.
        }
    }

    /**
     * Releases the handle of every file read to its end and inactive for close.inactive.ms. A file no longer matched
     * is then forgotten, and with clean.removed its stored offset is removed after its last event.
     */
    private void closeInactive(long now) throws IOException {
        for (Iterator<TailedFile> it = files.values().iterator(); it.hasNext(); ) {
            TailedFile file = it.next();
            if (file.isOpen()) {
                if (!file.drained() || now - file.idleSinceMs() < config.closeInactiveMs()) {
                    continue;
                }
                file.release();
                log.info(
                        "Closed {}: read to its end and inactive for {} ms{}",
                        file,
                        config.closeInactiveMs(),
                        file.matched() ? "; reopened when it changes" : ", and no longer matched");
            }
            if (!file.matched()) {
                it.remove();
                if (config.cleanRemoved()) {
                    ready.add(records.removal(file.partition(), file.path(), now));
                    log.info("Removing the offset of {}: it no longer matches {}", file, globs);
                }
            }
        }
    }

    /** Files tracked now (open or released), by path, with their read positions; for tests. */
    Map<Path, Long> trackedFiles() {
        Map<Path, Long> tracked = new HashMap<>();
        files.values().forEach(file -> tracked.put(file.path(), file.readPosition()));
        return tracked;
    }

    /** Paths of the files whose handles are open now; for tests. */
    List<Path> openFiles() {
        List<Path> open = new ArrayList<>();
        files.values().stream().filter(TailedFile::isOpen).forEach(file -> open.add(file.path()));
        return open;
    }

    /** Wakes a waiting poll and closes every file once no poll is reading. */
    @Override
    public void stop() {
        stopped.countDown();
        synchronized (acknowledgements) {
            acknowledgements.notifyAll();
        }
        closeAll();
    }

    private synchronized void closeAll() {
        for (TailedFile file : files.values()) {
            try {
                file.close();
            } catch (IOException e) {
                log.warn("Cannot close {}", file, e);
            }
        }
        files.clear();
    }
}
