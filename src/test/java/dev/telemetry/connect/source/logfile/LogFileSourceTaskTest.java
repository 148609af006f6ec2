package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.OperatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The task against real files in a temporary directory, with a clock the test moves and offsets it commits. */
class LogFileSourceTaskTest extends LogFileTaskHarness {

    LogFileSourceTaskTest() {
        super(1_000_000, Map.of("close.inactive.ms", "1000"));
    }

    private static List<SourceRecord> tombstones(List<SourceRecord> records) {
        return records.stream().filter(r -> r.value() == null).toList();
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.writeString(
                file,
                String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    @Test
    void emitsEveryLineAsARecordWithItsIdentityAndOffset() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "INFO started", "ERROR failed");
        LogFileSourceTask task = start(config("format", "regex", "regex.pattern", "^(?<level>\\w+) (?<message>.*)$"));
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("started", "failed");
        SourceRecord error = records.get(1);
        assertThat(error.topic()).isEqualTo("application_logs");
        assertThat(error.key()).isEqualTo("ERROR");
        assertThat(error.sourcePartition()).isEqualTo(FileIdentity.of(file).sourcePartition());
        assertThat(new HashMap<String, Object>(error.sourceOffset()))
                .containsEntry("position", Files.size(file))
                .containsEntry("line", 2L)
                .containsEntry("path", file.toString());
        Struct value = (Struct) error.value();
        assertThat(value.getInt64("offset")).isEqualTo("INFO started\n".length());
        assertThat(value.getInt64("line")).isEqualTo(2L);
        assertThat(value.getString("service")).isEqualTo("app");
    }

    @Test
    void renameRotationReadsTheOldFileToItsEndAndTheNewOneFromTheStart() throws Exception {
        Path live = dir.resolve("app.log");
        List<String> written = new ArrayList<>();
        LogFileSourceTask task = start(config());
        List<SourceRecord> records = new ArrayList<>();
        int line = 0;
        OutputStream out = new FileOutputStream(live.toFile(), true);
        for (int rotation = 1; rotation <= 3; rotation++) {
            for (int i = 0; i < 50; i++, line++) {
                out.write(("line " + line + "\n").getBytes(StandardCharsets.UTF_8));
                written.add("line " + line);
            }
            records.addAll(drain(task));
            Files.move(live, dir.resolve("app.log." + rotation));
            // The writer has not reopened yet: these go to the renamed file, which no glob matches any more.
            for (int i = 0; i < 20; i++, line++) {
                out.write(("line " + line + "\n").getBytes(StandardCharsets.UTF_8));
                written.add("line " + line);
            }
            out.close();
            out = new FileOutputStream(live.toFile(), true);
        }
        out.close();
        records.addAll(drain(task));
        assertThat(messages(records)).containsExactlyElementsOf(written);
        // The renamed files were closed and forgotten once read to their end and inactive; only app.log is kept.
        clock.addAndGet(2000);
        drain(task);
        assertThat(task.trackedFiles()).containsOnlyKeys(live);
    }

    @Test
    void restartResumesExactlyAfterTheLastCommittedEvent() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "a", "b", "c");
        assertThat(messages(drain(start(config())))).containsExactly("a", "b", "c");
        append(file, "d", "e");
        tasks.get(0).stop();
        LogFileSourceTask restarted = start(config("start.position", "end"));
        List<SourceRecord> records = drain(restarted);
        assertThat(messages(records)).containsExactly("d", "e");
        assertThat(((Struct) records.get(0).value()).getInt64("line")).isEqualTo(4L);
    }

    @Test
    void anOffsetOfAnotherFileOnTheSameInodeIsNotResumed() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "the new file on a reused inode, longer than the fingerprint");
        committed.put(
                FileIdentity.of(file).sourcePartition(),
                Map.of(
                        "position",
                        10L,
                        "line",
                        1L,
                        "fingerprint",
                        "00112233445566778899aabbccddeeff",
                        "fingerprint.bytes",
                        32L));
        assertThat(messages(drain(start(config()))))
                .containsExactly("the new file on a reused inode, longer than the fingerprint");
    }

    @Test
    void anOffsetWithoutFingerprintIsResumedAsGiven() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "first", "second");
        committed.put(FileIdentity.of(file).sourcePartition(), Map.of("position", 6L));
        assertThat(messages(drain(start(config())))).containsExactly("second");
    }

    @Test
    void startAtEndSkipsExistingContentButReadsNewFilesWhole() throws Exception {
        append(dir.resolve("old.log"), "before start");
        LogFileSourceTask task = start(config("start.position", "end"));
        assertThat(drain(task)).isEmpty();
        append(dir.resolve("old.log"), "after start");
        append(dir.resolve("new.log"), "new file line 1", "new file line 2");
        assertThat(messages(drain(task)))
                .containsExactlyInAnyOrder("after start", "new file line 1", "new file line 2");
    }

    @Test
    void aDeletedFileIsReadToItsEnd() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "one");
        LogFileSourceTask task = start(config());
        assertThat(messages(drain(task))).containsExactly("one");
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            Files.delete(file);
            out.write("two\nthree\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(messages(drain(task))).containsExactly("two", "three");
        clock.addAndGet(2000);
        drain(task);
        assertThat(task.openFiles()).isEmpty();
        assertThat(task.trackedFiles()).isEmpty();
    }

    @Test
    void aDeletedFileReadToItsEndAndClosedHasItsOffsetRemoved() throws Exception {
        Path kept = dir.resolve("kept.log");
        Path deleted = dir.resolve("deleted.log");
        append(kept, "kept line");
        append(deleted, "deleted line");
        Map<String, Object> deletedPartition = FileIdentity.of(deleted).sourcePartition();
        LogFileSourceTask task = start(config("clean.removed", "true"));
        assertThat(messages(drain(task))).containsExactlyInAnyOrder("kept line", "deleted line");
        assertThat(committed).containsKey(deletedPartition);

        Files.delete(deleted);
        clock.addAndGet(2000);
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).isEmpty();
        assertThat(tombstones(records)).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.sourcePartition()).isEqualTo(deletedPartition);
            assertThat(tombstone.sourceOffset()).isNull();
            assertThat(tombstone.key()).isNull();
            assertThat(tombstone.topic()).isEqualTo("application_logs");
            assertThat(tombstone.headers().lastWithName("log.file.removed").value())
                    .isEqualTo(deleted.toString());
        });
        assertThat(committed).containsOnlyKeys(FileIdentity.of(kept).sourcePartition());
        assertThat(task.trackedFiles()).containsOnlyKeys(kept);
    }

    @Test
    void withoutCleanRemovedTheOffsetOfADeletedFileStays() throws Exception {
        Path deleted = dir.resolve("deleted.log");
        append(deleted, "deleted line");
        LogFileSourceTask task = start(config("clean.removed", "false"));
        assertThat(messages(drain(task))).containsExactly("deleted line");
        Files.delete(deleted);
        clock.addAndGet(2000);
        assertThat(drain(task)).isEmpty();
        assertThat(task.trackedFiles()).isEmpty();
        assertThat(committed).hasSize(1);
    }

    @Test
    void anInactiveFileReleasesItsHandleAndIsReopenedWhenItGrowsOrIsTruncated() throws Exception {
        Path file = dir.resolve("app.log");
        Path other = dir.resolve("other.log");
        append(file, "one");
        append(other, "other one");
        LogFileSourceTask task = start(config());
        assertThat(messages(drain(task))).containsExactlyInAnyOrder("one", "other one");
        assertThat(task.openFiles()).containsExactlyInAnyOrder(file, other);

        clock.addAndGet(2000);
        assertThat(drain(task)).isEmpty();
        assertThat(task.openFiles()).as("handles of inactive files").isEmpty();
        assertThat(task.trackedFiles()).containsOnlyKeys(file, other);

        append(file, "two", "three");
        assertThat(messages(drain(task))).containsExactly("two", "three");
        assertThat(task.openFiles()).containsExactly(file);
        assertThat(((Struct) drainedAgain(task, file, "four").value()).getInt64("line"))
                .isEqualTo(4L);

        clock.addAndGet(2000);
        drain(task);
        assertThat(task.openFiles()).isEmpty();
        assertTruncationIsReadFromZero(task, file);
    }

    /** Truncates {@code file} to nothing, appends a line and checks the task reads it from position 0. */
    private void assertTruncationIsReadFromZero(LogFileSourceTask task, Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(file, "after truncation");
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("after truncation");
        assertThat(new HashMap<String, Object>(records.get(0).sourceOffset()))
                .containsEntry("position", (long) "after truncation\n".length());
    }

    @Test
    void aReleasedFileRotatedAwayIsForgottenAndTheNewFileIsReadFromTheStart() throws Exception {
        Path live = dir.resolve("app.log");
        append(live, "first generation");
        LogFileSourceTask task = start(config("clean.removed", "true"));
        assertThat(messages(drain(task))).containsExactly("first generation");
        clock.addAndGet(2000);
        drain(task);
        assertThat(task.openFiles()).isEmpty();

        Files.move(live, dir.resolve("app.log.1"));
        append(live, "second generation");
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("second generation");
        assertThat(tombstones(records)).hasSize(1);
        assertThat(task.trackedFiles()).containsOnlyKeys(live);
        assertThat(task.openFiles()).containsExactly(live);
    }

    @Test
    void aPollHoldsBackWhileMoreThanMaxInFlightRecordsAreUnacknowledged() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "1", "2", "3", "4", "5", "6");
        LogFileSourceTask task =
                start(config("max.batch.size", "2", "max.in.flight.records", "3", "poll.wait.ms", "60000"));
        List<SourceRecord> first = task.poll();
        List<SourceRecord> second = task.poll();
        assertThat(messages(first)).containsExactly("1", "2");
        assertThat(messages(second)).containsExactly("3", "4");

        CompletableFuture<List<SourceRecord>> third = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(third).as("4 unacknowledged records, 3 allowed").isNotDone();
        task.commitRecord(first.get(0), null);
        assertThat(messages(third.get(30, TimeUnit.SECONDS))).containsExactly("5", "6");
    }

    @Test
    void recordsThatAreNeverAcknowledgedDoNotStallTheTask() throws Exception {
        Path file = dir.resolve("app.log");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("line " + i);
        }
        append(file, lines.toArray(new String[0]));
        // As with exactly-once and transaction.boundary=interval: no acknowledgement until a commit.
        LogFileSourceTask task = start(config("max.batch.size", "5", "max.in.flight.records", "10"));
        List<String> read = new ArrayList<>();
        for (int poll = 0; poll < 100 && read.size() < lines.size(); poll++) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                read.addAll(messages(batch));
            }
        }
        assertThat(read).containsExactlyElementsOf(lines);
    }

    /** Appends {@code line} to {@code file} and returns its one record. */
    private SourceRecord drainedAgain(LogFileSourceTask task, Path file, String line) throws Exception {
        append(file, line);
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly(line);
        return records.get(0);
    }

    @Test
    void copytruncateRestartsTheFileAtZero() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "old content line one", "old content line two");
        LogFileSourceTask task = start(config());
        assertThat(drain(task)).hasSize(2);
        Files.copy(file, dir.resolve("app.log.1"));
        assertTruncationIsReadFromZero(task, file);
    }

    @Test
    void filesAreSplitOverTasksAndEachIsReadByExactlyOne() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            append(dir.resolve("f" + i + ".log"), "file " + i);
            expected.add("file " + i);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> perTask = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            List<String> got = messages(drain(start(config("task.index", "" + index, "task.count", "3"))));
            perTask.add(got.size());
            seen.addAll(got);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perTask).as("12 files over 3 tasks").allMatch(n -> n < 12);
    }

    @Test
    void javaStackTraceIsOneEvent() throws Exception {
        Path file = dir.resolve("app.log");
        append(
                file,
                "[2026-11-30 10:00:00,000] ERROR Request failed (c.e.Handler)",
                "java.lang.IllegalStateException: boom",
                "\tat c.e.Handler.handle(Handler.java:12)",
                "\tat java.base/java.lang.Thread.run(Thread.java:840)",
                "[2026-11-30 10:00:01,000] INFO Next request (c.e.Handler)");
        LogFileSourceTask task = start(config(
                "format",
                "regex",
                "regex.preset",
                "kafka",
                "multiline.pattern",
                "^\\[\\d{4}-",
                "multiline.negate",
                "true",
                "multiline.timeout.ms",
                "200"));
        List<SourceRecord> records = drain(task);
        assertThat(records).hasSize(2);
        Struct error = (Struct) records.get(0).value();
        assertThat(error.getString("level")).isEqualTo("ERROR");
        assertThat(error.getString("message"))
                .isEqualTo(
                        "Request failed\njava.lang.IllegalStateException: boom"
                                + "\n\tat c.e.Handler.handle(Handler.java:12)\n\tat java.base/java.lang.Thread.run(Thread.java:840)");
        assertThat(records.get(0).sourceOffset().get("line")).isEqualTo(4L);
    }

    /** Polls once on another thread: a poll that does not return within the timeout fails the test. */
    private static List<SourceRecord> pollWithin(LogFileSourceTask task, long seconds) throws Exception {
        CompletableFuture<List<SourceRecord>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return poll.get(seconds, TimeUnit.SECONDS);
    }

    /** What the task logs at WARN or above while {@code action} runs (slf4j-simple writes to System.err). */
    private static String warningsDuring(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("WARN") || line.contains("ERROR"))
                .reduce("", (a, b) -> a + b + "\n");
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void aLineWhoseDateDoesNotExistIsAnEventAtItsReadTimeMarkedWithAParseError() throws Exception {
        Path file = dir.resolve("syslog.log");
        // The test clock reads 1970, not a leap year; April never has 31 days.
        append(
                file,
                "Apr 31 10:00:00 web-1 app: no such day",
                "Feb 29 10:00:00 web-1 app: no such day in 1970",
                "Nov  3 07:01:02 web-1 sshd[1234]: a good line");
        LogFileSourceTask task = start(config("format", "regex", "regex.preset", "syslog-rfc3164"));
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("no such day", "no such day in 1970", "a good line");
        for (SourceRecord record : records.subList(0, 2)) {
            Struct value = (Struct) record.value();
            assertThat(value.getString("parse_error")).contains("timestamp");
            assertThat(((java.util.Date) value.get("timestamp")).getTime()).isEqualTo(record.timestamp());
            assertThat(value.getMap("fields")).containsKey("timestamp_raw");
        }
        assertThat(((Struct) records.get(2).value()).getString("parse_error")).isNull();
    }

    @Test
    void kernelFilesAndFilesThatAreNotRegularAreNeverOpenedAndTheTaskStopsPromptly() throws Exception {
        long pid = ProcessHandle.current().pid();
        Path logs = Files.createDirectories(dir.resolve("logs"));
        append(logs.resolve("app.log"), "a real line");
        Files.createSymbolicLink(logs.resolve("proc.log"), Path.of("/proc/uptime"));
        Files.createSymbolicLink(logs.resolve("zero.log"), Path.of("/dev/zero"));
        Process mkfifo = new ProcessBuilder("mkfifo", logs.resolve("pipe.log").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // /proc/version reports size 0 and has a line; /proc/<pid>/cmdline has no newline at all.
        LogFileSourceTask task = start(
                config("files", logs + "/*.log,/proc/version,/proc/" + pid + "/cmdline", "follow.symlinks", "true"));
        List<String> read = new ArrayList<>();
        String warnings = warningsDuring(() -> {
            for (int i = 0; i < 5; i++) {
                clock.addAndGet(150);
                List<SourceRecord> batch = pollWithin(task, 10);
                if (batch != null) {
                    read.addAll(messages(batch));
                }
            }
        });
        assertThat(read).containsExactly("a real line");
        assertThat(task.openFiles()).containsExactly(logs.resolve("app.log"));
        assertThat(warnings).contains("proc.log", "/proc/version", "zero.log", "pipe.log", "cmdline");
        CompletableFuture<Void> stop = CompletableFuture.runAsync(task::stop);
        stop.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aDirectoryDeletedDuringAScanDoesNotMakeTheOtherFilesLookGone() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        append(logs.resolve("app.log"), "the only line");
        // clean.removed with close.inactive.ms=0: a file the scan missed once would be forgotten at once, its offset
        // removed, and read again from the start when the next scan finds it.
        LogFileSourceTask task =
                start(config("files", dir + "/**/*.log", "clean.removed", "true", "close.inactive.ms", "0"));
        AtomicBoolean churning = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            for (int i = 0; churning.get(); i++) {
                Path sub = dir.resolve("churn-" + (i % 8));
                try {
                    Files.createDirectories(sub.resolve("deeper"));
                    Files.writeString(sub.resolve("deeper/x.txt"), "x");
                    Files.delete(sub.resolve("deeper/x.txt"));
                    Files.delete(sub.resolve("deeper"));
                    Files.delete(sub);
                } catch (IOException e) {
                    // The walk may hold a directory open; the next round retries.
                }
            }
        });
        churn.start();
        List<SourceRecord> records = new ArrayList<>();
        try {
            for (int scan = 0; scan < 400; scan++) {
                clock.addAndGet(150);
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    records.addAll(batch);
                    batch.forEach(this::commit);
                }
            }
        } finally {
            churning.set(false);
            churn.join();
        }
        assertThat(messages(records)).containsExactly("the only line");
        assertThat(tombstones(records)).isEmpty();
    }

    @Test
    void anUnreadableDirectoryIsSkippedWithAWarningAndItsFilesAreNotForgotten() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path locked = Files.createDirectories(dir.resolve("locked"));
        append(logs.resolve("app.log"), "readable");
        append(locked.resolve("hidden.log"), "tracked before its directory was locked");
        LogFileSourceTask task =
                start(config("files", dir + "/**/*.log", "clean.removed", "true", "close.inactive.ms", "0"));
        assertThat(messages(drain(task)))
                .containsExactlyInAnyOrder("readable", "tracked before its directory was locked");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            Assumptions.assumeFalse(
                    canList(locked), "the worker's user reads any directory (root with CAP_DAC_READ_SEARCH)");
            String warnings = warningsDuring(() -> {
                append(logs.resolve("app.log"), "still read");
                assertThat(messages(drain(task))).containsExactly("still read");
            });
            assertThat(warnings).contains(locked.toString());
            assertThat(task.trackedFiles()).containsKey(locked.resolve("hidden.log"));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(tombstones(drain(task))).isEmpty();
    }

    private static boolean canList(Path directory) {
        try (var entries = Files.newDirectoryStream(directory)) {
            entries.iterator().hasNext();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aSymlinkedBaseDirectoryIsFollowed() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        append(real.resolve("app.log"), "through the link");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        LogFileSourceTask task = start(config("files", link + "/*.log"));
        List<SourceRecord> records = drain(task);
        assertThat(messages(records)).containsExactly("through the link");
        assertThat(((Struct) records.get(0).value()).getString("file"))
                .isEqualTo(link.resolve("app.log").toString());
    }

    @Test
    void symlinkedFilesAreSkippedWithAWarningUnlessFollowedAndThenReadOnceWhateverTheirNumber() throws Exception {
        // As Kubernetes lays out /var/log/containers/*.log: links to the files under /var/log/pods.
        Path pods = Files.createDirectories(dir.resolve("pods/shop_web/web"));
        Path containers = Files.createDirectories(dir.resolve("containers"));
        append(pods.resolve("0.log"), "from the pod");
        Files.createSymbolicLink(containers.resolve("web.log"), pods.resolve("0.log"));
        Files.createSymbolicLink(containers.resolve("web-again.log"), pods.resolve("0.log"));

        LogFileSourceTask skipping = start(config("files", containers + "/*.log"));
        String warnings = warningsDuring(() -> assertThat(drain(skipping)).isEmpty());
        assertThat(warnings).contains(containers.resolve("web.log").toString(), "follow.symlinks");

        LogFileSourceTask following = start(config("files", containers + "/*.log", "follow.symlinks", "true"));
        assertThat(messages(drain(following))).containsExactly("from the pod");
    }

    /** A link in an allowed directory to a file outside it is never read, whatever follow.symlinks says. */
    @Test
    void aLinkOutOfTheOperatorsDirectoriesIsNeverRead() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        append(secrets.resolve("key"), "password=hunter2");
        append(logs.resolve("app.log"), "an ordinary line");
        Files.createSymbolicLink(logs.resolve("leak.log"), secrets.resolve("key"));

        try (OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.read.paths", logs.toString())) {
            LogFileSourceTask task = start(config("files", logs + "/*.log", "follow.symlinks", "true"));
            String warnings =
                    warningsDuring(() -> assertThat(messages(drain(task))).containsExactly("an ordinary line"));
            assertThat(warnings).contains("leak.log", "telemetry.allowed.read.paths");
        }
    }

    @Test
    void aPollReadsNoMoreLinesThanMaxBatchSize() throws Exception {
        for (String name : List.of("a.log", "b.log", "c.log")) {
            Files.writeString(dir.resolve(name), "\n".repeat(65_536 * 2));
        }
        LogFileSourceTask task = start(config("max.batch.size", "100"));
        assertThat(task.poll()).hasSize(100);
        long linesRead =
                task.trackedFiles().values().stream().mapToLong(Long::longValue).sum();
        // A blank line is one byte: the positions add up to the lines read.
        assertThat(linesRead).isLessThanOrEqualTo(101);
    }

    @Test
    void noMoreThanMaxOpenFilesAreOpenAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            append(dir.resolve("f" + i + ".log"), "file " + i);
            expected.add("file " + i);
        }
        LogFileSourceTask task = start(config("max.open.files", "2", "close.inactive.ms", "300"));
        List<String> read = new ArrayList<>();
        String warnings = warningsDuring(() -> {
            for (int poll = 0; poll < 100 && read.size() < expected.size(); poll++) {
                clock.addAndGet(150);
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    read.addAll(messages(batch));
                }
                assertThat(task.openFiles().size()).isLessThanOrEqualTo(2);
            }
        });
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(warnings).contains("max.open.files");
    }

    @Test
    void aFileWaitingForAHandleAtStartStillStartsAtTheEndItHadThen() throws Exception {
        append(dir.resolve("a.log"), "a before start");
        append(dir.resolve("b.log"), "b before start");
        LogFileSourceTask task =
                start(config("max.open.files", "1", "close.inactive.ms", "300", "start.position", "end"));
        clock.addAndGet(150);
        task.poll();
        append(dir.resolve("a.log"), "a after start");
        append(dir.resolve("b.log"), "b after start");
        List<String> read = new ArrayList<>();
        for (int poll = 0; poll < 60; poll++) {
            clock.addAndGet(150);
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                read.addAll(messages(batch));
            }
        }
        assertThat(read).containsExactlyInAnyOrder("a after start", "b after start");
    }
}
