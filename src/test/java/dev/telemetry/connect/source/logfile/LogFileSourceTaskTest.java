package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task against real files in a temporary directory, with a clock the test moves and offsets it commits. */
class LogFileSourceTaskTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    private final List<LogFileSourceTask> tasks = new ArrayList<>();

    @AfterEach
    void stopTasks() {
        tasks.forEach(LogFileSourceTask::stop);
    }

    private Map<String, String> config(String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("files", dir + "/*.log");
        config.put("scan.interval.ms", "100");
        config.put("poll.wait.ms", "1");
        config.put("close.inactive.ms", "1000");
        config.put("fingerprint.bytes", "32");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private LogFileSourceTask start(Map<String, String> config) {
        LogFileSourceTask task = new LogFileSourceTask(clock::get);
        task.initialize(new CommittedOffsetsContext(committed));
        task.start(config);
        tasks.add(task);
        return task;
    }

    /** Polls (moving the clock past a scan each time) until {@code rounds} polls in a row return nothing. */
    private List<SourceRecord> drain(LogFileSourceTask task) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        int empty = 0;
        while (empty < 3) {
            clock.addAndGet(150);
            List<SourceRecord> batch = task.poll();
            if (batch == null || batch.isEmpty()) {
                empty++;
            } else {
                empty = 0;
                all.addAll(batch);
                batch.forEach(this::commit);
            }
        }
        return all;
    }

    /** Stores the record's offset as the worker would; a null offset (clean.removed) deletes the file's. */
    private void commit(SourceRecord record) {
        if (record.sourceOffset() == null) {
            committed.remove(record.sourcePartition());
        } else {
            committed.put(record.sourcePartition(), new HashMap<>(record.sourceOffset()));
        }
    }

    /** The messages of the events among {@code records}, leaving out the tombstones of clean.removed. */
    private static List<String> messages(List<SourceRecord> records) {
        return records.stream()
                .filter(r -> r.value() != null)
                .map(r -> ((Struct) r.value()).getString("message"))
                .toList();
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
}
