package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.access.PathAllowList;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>No input stops or hangs the task: only regular files off the kernel's file systems are opened, a scan that could
 * not list a directory forgets none of the files under it, a poll reads at most max.batch.size lines and stops reading
 * when the task stops, and at most max.open.files files are open at once.
 */
public class LogFileSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(LogFileSourceTask.class);

    /**
     * File systems whose files are kernel interfaces, not logs: their sizes do not tell their contents (procfs says
     * 0, sysfs 4096), some never end, and reading some has effects. fuse.lxcfs stands in for procfs in containers.
     */
    private static final Set<String> KERNEL_FILE_SYSTEMS = Set.of(
            "proc",
            "sysfs",
            "debugfs",
            "tracefs",
            "securityfs",
            "configfs",
            "cgroup",
            "cgroup2",
            "devtmpfs",
            "devpts",
            "fuse.lxcfs");

    private final LongSupplier clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<FileIdentity, TailedFile> files = new LinkedHashMap<>();
    private final Map<FileIdentity, LogFileMetrics.PerFile> fileMetrics = new HashMap<>();
    private final ArrayDeque<SourceRecord> ready = new ArrayDeque<>();
    /** Records returned by poll and not yet acknowledged by the worker through commitRecord. */
    private final AtomicLong unacknowledged = new AtomicLong();
    /** Notified when the unacknowledged records fall back to max.in.flight.records. */
    private final Object acknowledgements = new Object();

    private LogFileSourceConfig config;
    private LogFileMetrics metrics;
    private List<FileGlob> globs;
    private LogRecordFactory records;
    private MultilineRule multiline;
    private ByteBuffer buffer;
    private long nextScanMs;
    private boolean firstScanDone;
    private int maxInFlight;
    private boolean limitingInFlight;

    /** Files found but not opened, and why: they are not checked again while they keep their identity. */
    private final Map<FileIdentity, String> refused = new HashMap<>();
    /** The type of file system of each device seen, so that the type is looked up once per device. */
    private final Map<Long, String> fileSystemTypes = new HashMap<>();
    /** The directories the worker's operator lets the bundle read; every file is checked, links resolved, at open. */
    private final PathAllowList readPaths = OperatorPolicy.ofWorker().readPaths();
    /**
     * Directories a scan could not list, links it did not follow and files it could not open, each reported once
     * while it lasts.
     */
    private final Set<Path> reportedUnlisted = new HashSet<>();

    private final Set<Path> reportedLinks = new HashSet<>();
    private final Set<Path> reportedUnreadable = new HashSet<>();
    /**
     * With start.position=end: the size at the first scan of each file that waited for a handle then, which is where
     * it starts when it gets one.
     */
    private final Map<FileIdentity, Long> endsAtFirstScan = new HashMap<>();
    /**
     * With ignore.older.ms: the size of each file not opened because it was old when found, which is where it starts
     * when it is written to again (unless it has a committed offset).
     */
    private final Map<FileIdentity, Long> ignoredAtSize = new HashMap<>();

    private EventFilter filter;
    private List<ExcludedFiles> excludedFiles;
    /** Events read and left out by include.lines and exclude.lines since the task started. */
    private long filteredEvents;

    private int waitingFiles;

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
        metrics = new LogFileMetrics(PluginMetricSet.of(context));
        records = LogRecordFactory.of(config, metrics::parseError);
        multiline = config.multilineRule();
        filter = config.eventFilter();
        excludedFiles = config.excludedFiles();
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
        log.info(
                "Tailing {} as task {} of {}: at most {} files open at once ({}), symbolic links {}",
                globs,
                config.taskIndex(),
                config.taskCount(),
                config.maxOpenFiles(),
                LogFileSourceConfig.MAX_OPEN_FILES_CONFIG,
                config.followSymlinks() ? "followed" : "not followed");
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

    /**
     * Reads until a batch is ready, every file is at its end, or the task stops; holds the lock that {@link #stop()}
     * closes under, so it checks for the stop between reads. Each read completes at most the lines the batch still
     * has room for.
     */
    private synchronized void fill() {
        if (stopping()) {
            return;
        }
        long now = clock.getAsLong();
        int batch = config.maxBatchSize();
        try {
            if (now >= nextScanMs) {
                scan(now);
                nextScanMs = now + config.scanIntervalMs();
            }
            boolean progress = true;
            while (progress && ready.size() < batch && !stopping()) {
                progress = false;
                for (TailedFile file : files.values()) {
                    if (ready.size() >= batch || stopping()) {
                        break;
                    }
                    int readyBefore = ready.size();
                    long positionBefore = file.readPosition();
                    long restartsBefore = file.restarts();
                    if (file.read(buffer, now, batch - ready.size(), event -> emit(file, event, now)) > 0) {
                        progress = true;
                    }
                    counted(file, readyBefore, positionBefore, restartsBefore);
                }
            }
            for (TailedFile file : files.values()) {
                if (ready.size() >= batch) {
                    break;
                }
                int readyBefore = ready.size();
                file.flushIdle(now, config.partialLineTimeoutMs(), event -> emit(file, event, now));
                counted(file, readyBefore, file.readPosition(), file.restarts());
            }
        } catch (IOException e) {
            throw new ConnectException("Reading log files failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds what one read of {@code file} made ready and the bytes it read: from the previous position, or from the
     * start when the read found the file truncated or rewritten (a rotation by copytruncate).
     */
    private void counted(TailedFile file, int readyBefore, long positionBefore, long restartsBefore)
            throws IOException {
        LogFileMetrics.PerFile counts = fileMetrics.get(file.identity());
        counts.readLag().set(file.unreadBytes());
        int made = ready.size() - readyBefore;
        if (made > 0) {
            counts.emitted().record(made);
        }
        long restarts = file.restarts() - restartsBefore;
        if (restarts > 0) {
            metrics.rotated(restarts);
        }
        long read = file.readPosition() - (restarts > 0 ? 0 : positionBefore);
        if (read > 0) {
            counts.bytesRead().add(read);
        }
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void emit(TailedFile file, LogEvent event, long now) {
        if (event.truncated()) {
            metrics.truncated();
        }
        try {
            if (filter.filters() && !filter.keeps(event.text())) {
                filteredEvents++;
                carryOffset(file, event);
                return;
            }
            ready.add(records.record(event, file.path(), now, file.partition(), file.offsetAfter(event)));
        } catch (IOException e) {
            throw new ConnectException("Cannot read the fingerprint of " + file.path(), e);
        }
    }

    /**
     * Moves the file's committed offset past a left-out event: Connect stores an offset only with a record, so the
     * file's last record not yet handed to the worker, when it is the last record ready, takes the offset after the
     * left-out event (nothing lies between them that is to be written). Otherwise the next record of the file carries
     * it; until one does, a restart reads the left-out events again and leaves them out again.
     */
    private void carryOffset(TailedFile file, LogEvent event) throws IOException {
        SourceRecord last = ready.peekLast();
        if (last == null || last.value() == null || !last.sourcePartition().equals(file.partition())) {
            return;
        }
        ready.pollLast();
        ready.add(new SourceRecord(
                last.sourcePartition(),
                file.offsetAfter(event),
                last.topic(),
                last.kafkaPartition(),
                last.keySchema(),
                last.key(),
                last.valueSchema(),
                last.value(),
                last.timestamp(),
                last.headers()));
    }

    /** Events left out by include.lines and exclude.lines since the task started; for tests. */
    long filteredEvents() {
        return filteredEvents;
    }

    /**
     * Expands the globs, opens new files of this task (up to max.open.files open), follows renames, and closes
     * finished unmatched files. A file is unmatched only when the scan could see where it was: one below a directory
     * the scan could not list keeps its state.
     */
    private void scan(long now) throws IOException {
        Map<FileIdentity, Path> found = new LinkedHashMap<>();
        List<Path> unlisted = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        for (FileGlob glob : globs) {
            FileGlob.Expansion expansion = glob.expand(config.followSymlinks());
            unlisted.addAll(expansion.unlisted());
            links.addAll(expansion.skippedLinks());
            for (Path path : expansion.files()) {
                try {
                    FileIdentity identity = FileIdentity.of(path);
                    if (excluded(path) && !files.containsKey(identity)) {
                        continue;
                    }
                    if (identity.ownedBy(config.taskIndex(), config.taskCount())) {
                        found.putIfAbsent(identity, path);
                    }
                } catch (NoSuchFileException e) {
                    // Rotated away between the listing and the stat: the next scan finds it under its new name.
                }
            }
        }
        reportOnce(
                reportedUnlisted,
                unlisted,
                "Cannot list {}: skipping it; the files tracked below it are kept as they are until it can be listed");
        reportOnce(
                reportedLinks,
                links,
                "Not following the symbolic link {}: set " + LogFileSourceConfig.FOLLOW_SYMLINKS_CONFIG
                        + "=true to read the files links lead to");
        for (TailedFile file : files.values()) {
            if (!found.containsKey(file.identity()) && !isBelowAny(file.path(), unlisted)) {
                file.unmatched();
            }
        }
        refused.keySet().retainAll(found.keySet());
        endsAtFirstScan.keySet().retainAll(found.keySet());
        ignoredAtSize.keySet().retainAll(found.keySet());
        int open = (int) files.values().stream().filter(TailedFile::isOpen).count();
        int waiting = 0;
        Map<FileIdentity, Path> unseen = new LinkedHashMap<>();
        for (Map.Entry<FileIdentity, Path> entry : found.entrySet()) {
            TailedFile known = files.get(entry.getKey());
            if (known != null) {
                if (!known.path().equals(entry.getValue())) {
                    metrics.rotated();
                }
                known.seenAt(entry.getValue());
                if (!known.isOpen() && changed(known, entry.getValue())) {
                    if (open < config.maxOpenFiles()) {
                        open += reopen(known, entry.getValue(), now) ? 1 : 0;
                    } else {
                        waiting++;
                    }
                }
            } else if (!refused.containsKey(entry.getKey())) {
                unseen.put(entry.getKey(), entry.getValue());
            }
        }
        Map<Path, String> unreadable = new HashMap<>();
        if (!unseen.isEmpty()) {
            waiting += openAll(unseen, config.maxOpenFiles() - open, unreadable, now);
        }
        reportedUnreadable.retainAll(unreadable.keySet());
        unreadable.forEach((path, why) -> {
            if (reportedUnreadable.add(path)) {
                log.warn("Cannot open {}, trying again every scan: {}", path, why);
            }
        });
        reportWaiting(waiting);
        closeInactive(now);
        metrics.files(files.size(), (int)
                files.values().stream().filter(TailedFile::isOpen).count());
        firstScanDone = true;
    }

    private boolean excluded(Path path) {
        for (ExcludedFiles glob : excludedFiles) {
            if (glob.excludes(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a file not yet opened is older than ignore.older.ms; the size of one that is, when first found, is
     * where it starts should it be written to.
     */
    private boolean ignoredAsOld(FileIdentity identity, Path path, long now) throws IOException {
        if (config.ignoreOlderMs() == 0 || now - Files.getLastModifiedTime(path).toMillis() < config.ignoreOlderMs()) {
            return false;
        }
        if (!ignoredAtSize.containsKey(identity)) {
            ignoredAtSize.put(identity, Files.size(path));
            log.info(
                    "Not opening {} ({}): not modified for {} ms ({}); it is read if it is written to again",
                    path,
                    identity,
                    config.ignoreOlderMs(),
                    LogFileSourceConfig.IGNORE_OLDER_MS_CONFIG);
        }
        return true;
    }

    private static boolean isBelowAny(Path path, List<Path> directories) {
        for (Path directory : directories) {
            if (path.startsWith(directory)) {
                return true;
            }
        }
        return false;
    }

    /** Warns once about each of {@code current} not reported before; forgets what is no longer current. */
    private static void reportOnce(Set<Path> reported, List<Path> current, String warning) {
        reported.retainAll(current);
        for (Path path : current) {
            if (reported.add(path)) {
                log.warn(warning, path);
            }
        }
    }

    private void reportWaiting(int waiting) {
        if (waiting > 0 && waitingFiles == 0) {
            log.warn(
                    "{}={} files are open: {} more matching files wait for a handle, which an open file gives up "
                            + "once it has been read to its end and inactive for {} ms ({})",
                    LogFileSourceConfig.MAX_OPEN_FILES_CONFIG,
                    config.maxOpenFiles(),
                    waiting,
                    config.closeInactiveMs(),
                    LogFileSourceConfig.CLOSE_INACTIVE_MS_CONFIG);
        } else if (waiting == 0 && waitingFiles > 0) {
            log.info("No file waits for a handle any more");
        }
        waitingFiles = waiting;
    }

    /**
     * Opens up to {@code slots} of the files not seen before; returns how many more wait for a handle. A file that
     * is not a regular file, or lives on a kernel file system, is refused with a warning and never opened; one that
     * cannot be opened now (permissions) goes to {@code unreadable}, with why, and is tried again by the next scan.
     */
    private int openAll(Map<FileIdentity, Path> unseen, int slots, Map<Path, String> unreadable, long now)
            throws IOException {
        Map<FileIdentity, Path> opening = new LinkedHashMap<>();
        int waiting = 0;
        for (Map.Entry<FileIdentity, Path> entry : unseen.entrySet()) {
            FileIdentity identity = entry.getKey();
            Path path = entry.getValue();
            try {
                String refusal = refusal(identity, path);
                if (refusal != null) {
                    refused.put(identity, refusal);
                    log.warn("Not reading {} ({}): {}", path, identity, refusal);
                } else if (ignoredAsOld(identity, path, now)) {
                    continue;
                } else if (opening.size() < slots) {
                    opening.put(identity, path);
                } else {
                    waiting++;
                    if (!firstScanDone && config.startAtEnd()) {
                        endsAtFirstScan.put(identity, Files.size(path));
                    }
                }
            } catch (NoSuchFileException e) {
                // Rotated away since the scan listed it: the next scan finds it under its new name.
            } catch (IOException e) {
                unreadable.put(path, e.toString());
            }
        }
        if (opening.isEmpty()) {
            return waiting;
        }
        List<Map<String, Object>> partitions = new ArrayList<>(opening.size());
        opening.keySet().forEach(identity -> partitions.add(identity.sourcePartition()));
        Map<Map<String, Object>, Map<String, Object>> committed =
                context.offsetStorageReader().offsets(partitions);
        for (Map.Entry<FileIdentity, Path> entry : opening.entrySet()) {
            FileIdentity identity = entry.getKey();
            Path path = entry.getValue();
            FileChannel channel = null;
            long[] start;
            try {
                channel = FileChannel.open(path, StandardOpenOption.READ);
                if (!identity.equals(FileIdentity.of(path))) {
                    // Replaced between stat and open: the next scan sees the file now at this path.
                    channel.close();
                    continue;
                }
                Map<String, Object> offset = committed == null ? null : committed.get(identity.sourcePartition());
                start = startOf(identity, path, channel, offset);
            } catch (IOException e) {
                // Until it is tracked, nothing else would ever close the channel.
                closeQuietly(channel);
                if (!(e instanceof NoSuchFileException)) {
                    unreadable.put(path, e.toString());
                }
                continue;
            }
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
                            config.containerFormat(),
                            config.lineCodec(),
                            now));
            fileMetrics.put(identity, metrics.track(path.toAbsolutePath().toString()));
        }
        return waiting;
    }

    /**
     * Why the file at {@code path} (links resolved) is not to be read, or null: only regular files are, so that a
     * FIFO (whose open blocks), a device (/dev/zero never ends) or a socket is never opened, and none on a kernel file
     * system (a procfs file says it is empty and is not, so it would be read from the start again and again).
     */
    private String refusal(FileIdentity identity, Path path) throws IOException {
        Optional<String> notAllowed = readPaths.refusal(path);
        if (notAllowed.isPresent()) {
            return notAllowed.get();
        }
        if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
            return "not a regular file (a FIFO, socket, device or directory); only regular files are read";
        }
        String type = fileSystemTypes.get(identity.device());
        if (type == null) {
            type = Files.getFileStore(path).type();
            fileSystemTypes.put(identity.device(), type);
        }
        if (KERNEL_FILE_SYSTEMS.contains(type)) {
            return "on a " + type + " file system, whose files are kernel interfaces, not logs";
        }
        return null;
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
        Long sizeWhenIgnored = ignoredAtSize.remove(identity);
        if (sizeWhenIgnored != null && sizeWhenIgnored <= size) {
            log.info(
                    "Starting {} ({}) at byte {}, its end when it was ignored as old", path, identity, sizeWhenIgnored);
            return new long[] {sizeWhenIgnored, 0};
        }
        Long endAtFirstScan = endsAtFirstScan.remove(identity);
        if (endAtFirstScan != null && endAtFirstScan <= size) {
            log.info("Starting {} ({}) at byte {}, its end when the task started", path, identity, endAtFirstScan);
            return new long[] {endAtFirstScan, 0};
        }
        log.info("Reading {} ({}) from the start", path, identity);
        return new long[] {0, 0};
    }

    private static String hashOf(FileChannel channel, int length) throws IOException {
        Fingerprint fingerprint = Fingerprint.of(channel, length);
        return fingerprint == null ? null : fingerprint.hash();
    }

    /** Whether a released file's size is no longer its read position: it grew, or it was truncated. */
    private static boolean changed(TailedFile file, Path path) {
        try {
            return Files.size(path) != file.readPosition();
        } catch (IOException e) {
            // Gone or unreadable since the scan listed it: the next scan looks again.
            return false;
        }
    }

    /** Opens a released file again; returns whether it did. */
    private static boolean reopen(TailedFile file, Path path, long now) {
        try {
            if (file.reopen(path, now)) {
                log.info("Reopened {}: it changed after its handle was closed", file);
                return true;
            }
        } catch (IOException e) {
            // Gone or unreadable since the scan listed it: the next scan finds it under its new name, or not at all.
            log.debug("Cannot reopen {} now", file, e);
        }
        return false;
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
                metrics.untrack(fileMetrics.remove(file.identity()));
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
        if (filter != null && filter.filters()) {
            log.info(
                    "Left out {} events by {} and {}",
                    filteredEvents,
                    LogFileSourceConfig.INCLUDE_LINES_CONFIG,
                    LogFileSourceConfig.EXCLUDE_LINES_CONFIG);
        }
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
        fileMetrics.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Cannot close a file handle that was being opened", e);
        }
    }
}
