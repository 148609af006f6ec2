package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.TestPluginMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task's metrics against real files, with a clock the test moves. */
class LogFileMetricsTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void countsRecordsAndBytesPerFileTruncatedLinesAndTheFilesTracked() throws Exception {
        Path app = dir.resolve("app.log");
        Path db = dir.resolve("db.log");
        String longLine = "x".repeat(100);
        Files.writeString(app, "one\ntwo\n" + longLine + "\n", StandardCharsets.UTF_8);
        Files.writeString(db, "query\n", StandardCharsets.UTF_8);
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "logs", "task", "0")) {
            LogFileSourceTask task = new LogFileSourceTask(clock::get);
            task.initialize(new CommittedOffsetsContext(new HashMap<>(), worker.pluginMetrics()));
            task.start(Map.of(
                    "files", dir + "/*.log*",
                    "scan.interval.ms", "100",
                    "poll.wait.ms", "1",
                    "close.inactive.ms", "1000",
                    "max.event.bytes", "64"));
            try {
                assertThat(drain(task)).hasSize(4);

                String appTag = app.toAbsolutePath().toString();
                String dbTag = db.toAbsolutePath().toString();
                assertThat(worker.value("records-emitted-total", "file", appTag))
                        .isEqualTo(3.0);
                assertThat(worker.value("records-emitted-total", "file", dbTag)).isEqualTo(1.0);
                assertThat(worker.value("records-emitted-rate", "file", appTag)).isPositive();
                assertThat(worker.value("bytes-read-total", "file", appTag)).isEqualTo(Files.size(app));
                assertThat(worker.value("bytes-read-total", "file", dbTag)).isEqualTo(Files.size(db));
                assertThat(worker.value("lines-truncated-total")).isEqualTo(1.0);
                assertThat(worker.value("files-tailed")).isEqualTo(2.0);
                assertThat(worker.value("files-open")).isEqualTo(2.0);
                assertThat(worker.value("rotations-total")).isZero();
                assertThat(worker.value("read-lag-bytes", "file", appTag))
                        .as("read to its end")
                        .isZero();

                // Rotated by rename: the new app.log takes the path's tag over, counting from 0.
                Path rotated = dir.resolve("app.log.1");
                Files.move(app, rotated);
                Files.writeString(app, "fresh line\n", StandardCharsets.UTF_8);
                assertThat(drain(task)).hasSize(1);
                assertThat(worker.value("rotations-total")).isEqualTo(1.0);
                assertThat(worker.value("files-tailed")).isEqualTo(3.0);
                assertThat(worker.value("records-emitted-total", "file", appTag))
                        .isEqualTo(1.0);
                assertThat(worker.value("bytes-read-total", "file", appTag)).isEqualTo(Files.size(app));
                assertThat(worker.has(
                                "records-emitted-total",
                                "file",
                                rotated.toAbsolutePath().toString()))
                        .isFalse();
                // Copy-truncated in place and written again: read again from its start.
                Files.writeString(app, "cut\n", StandardCharsets.UTF_8);
                assertThat(drain(task)).hasSize(1);
                assertThat(worker.value("rotations-total")).isEqualTo(2.0);
                assertThat(worker.value("bytes-read-total", "file", appTag)).isEqualTo(11.0 + 4.0);
                assertThat(worker.value("read-lag-bytes", "file", appTag)).isZero();
                Files.delete(rotated);

                // Deleted: once read to its end and inactive, the file is dropped, and its metrics with it.
                Files.delete(db);
                clock.addAndGet(2_000);
                drain(task);
                assertThat(worker.has("records-emitted-total", "file", dbTag)).isFalse();
                assertThat(worker.has("bytes-read-total", "file", dbTag)).isFalse();
                assertThat(worker.has("read-lag-bytes", "file", dbTag)).isFalse();
                assertThat(worker.value("files-tailed")).isEqualTo(1.0);
                assertThat(worker.value("files-open")).isZero();
                assertThat(worker.value("records-emitted-total", "file", appTag))
                        .isEqualTo(2.0);
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void theReadLagIsWhatTheLastReadLeftOfTheFile() throws Exception {
        Path app = dir.resolve("app.log");
        Files.writeString(app, "one\ntwo\nthree\n", StandardCharsets.UTF_8);
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "logs", "task", "0")) {
            LogFileSourceTask task = new LogFileSourceTask(clock::get);
            task.initialize(new CommittedOffsetsContext(new HashMap<>(), worker.pluginMetrics()));
            task.start(Map.of(
                    "files", dir + "/*.log", "scan.interval.ms", "100", "poll.wait.ms", "1", "max.batch.size", "1"));
            try {
                clock.addAndGet(150);
                assertThat(task.poll()).hasSize(1);
                String appTag = app.toAbsolutePath().toString();
                assertThat(worker.value("read-lag-bytes", "file", appTag)).isEqualTo("two\nthree\n".length());
                assertThat(drain(task)).hasSize(2);
                assertThat(worker.value("read-lag-bytes", "file", appTag)).isZero();
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void countsParseErrorsByTheReasonTheRecordSays() throws Exception {
        String time = "2026-12-07T10:15:30.000000001Z stdout F ";
        Files.writeString(
                dir.resolve("app.log"),
                time + "{\"msg\":\"fine\",\"ts\":\"2026-12-07T10:15:30Z\"}\n"
                        + time + "not json\n"
                        + "no wrapper at all\n"
                        + time + "{\"msg\":\"when?\",\"ts\":\"yesterday\"}\n"
                        + time + "[1, 2]\n",
                StandardCharsets.UTF_8);
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "logs", "task", "0")) {
            LogFileSourceTask task = new LogFileSourceTask(clock::get);
            task.initialize(new CommittedOffsetsContext(new HashMap<>(), worker.pluginMetrics()));
            task.start(Map.of(
                    "files", dir + "/*.log",
                    "scan.interval.ms", "100",
                    "poll.wait.ms", "1",
                    "container.format", "cri",
                    "format", "json"));
            try {
                List<SourceRecord> records = drain(task);
                assertThat(records).hasSize(5);
                assertThat(records.stream().filter(r -> ((Struct) r.value()).get(LogRecordFactory.PARSE_ERROR) != null))
                        .hasSize(4);
                assertThat(worker.value("parse-errors-total", "reason", "format"))
                        .as("not JSON, and a JSON array")
                        .isEqualTo(2.0);
                assertThat(worker.value("parse-errors-total", "reason", "container_wrapper"))
                        .isEqualTo(1.0);
                assertThat(worker.value("parse-errors-total", "reason", "timestamp"))
                        .isEqualTo(1.0);
                assertThat(worker.value("parse-errors-total", "reason", "parser_failed"))
                        .isZero();
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void countsAParserThatThrowsApartFromTextThatDoesNotMatch() throws Exception {
        Files.writeString(dir.resolve("app.log"), "3 fine\nhigh boom\nnospace\n", StandardCharsets.UTF_8);
        try (TestPluginMetrics worker = new TestPluginMetrics("connector", "logs", "task", "0")) {
            LogFileSourceTask task = new LogFileSourceTask(clock::get);
            task.initialize(new CommittedOffsetsContext(new HashMap<>(), worker.pluginMetrics()));
            task.start(Map.of(
                    "files", dir + "/*.log",
                    "scan.interval.ms", "100",
                    "poll.wait.ms", "1",
                    "format", "regex",
                    "regex.pattern", "(?<pri>\\w+) (?<message>.*)"));
            try {
                assertThat(drain(task)).hasSize(3);
                assertThat(worker.value("parse-errors-total", "reason", "parser_failed"))
                        .as("a syslog priority that is not a number")
                        .isEqualTo(1.0);
                assertThat(worker.value("parse-errors-total", "reason", "format"))
                        .as("a line the regex does not match")
                        .isEqualTo(1.0);
                assertThat(worker.value("parse-errors-total", "reason", "timestamp"))
                        .isZero();
            } finally {
                task.stop();
            }
        }
    }

    @Test
    void runsWithoutMetricsWhenTheWorkerHasNone() throws Exception {
        Files.writeString(dir.resolve("app.log"), "one\n", StandardCharsets.UTF_8);
        LogFileSourceTask task = new LogFileSourceTask(clock::get);
        task.initialize(new CommittedOffsetsContext(new HashMap<>()));
        task.start(Map.of("files", dir + "/*.log", "scan.interval.ms", "100", "poll.wait.ms", "1"));
        try {
            assertThat(drain(task)).hasSize(1);
        } finally {
            task.stop();
        }
    }

    /** Polls, moving the clock past a scan each time, until three polls in a row return nothing. */
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
            }
        }
        return all;
    }
}
