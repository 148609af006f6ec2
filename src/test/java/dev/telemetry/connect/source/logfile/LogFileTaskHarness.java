package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of the task share: the task against real files in a temporary directory, with a clock the test moves
 * and offsets committed as the worker would; every task a test starts is stopped after it.
 */
abstract class LogFileTaskHarness {

    @TempDir
    Path dir;

    final AtomicLong clock;
    final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
    /** Every task started, in order; stopped after the test. */
    final List<LogFileSourceTask> tasks = new ArrayList<>();

    private final Map<String, String> defaults;

    /** A clock starting at {@code clockStartMs}, and settings every config of the test class has unless it sets them. */
    LogFileTaskHarness(long clockStartMs, Map<String, String> defaults) {
        this.clock = new AtomicLong(clockStartMs);
        this.defaults = defaults;
    }

    @AfterEach
    void stopTasks() {
        tasks.forEach(LogFileSourceTask::stop);
    }

    /** Every {@code *.log} of the directory, scanned every 100 ms, with the class's defaults and these key, value pairs. */
    Map<String, String> config(String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("files", dir + "/*.log");
        config.put("scan.interval.ms", "100");
        config.put("poll.wait.ms", "1");
        config.put("fingerprint.bytes", "32");
        config.putAll(defaults);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    LogFileSourceTask start(Map<String, String> config) {
        LogFileSourceTask task = new LogFileSourceTask(clock::get);
        task.initialize(new CommittedOffsetsContext(committed));
        task.start(config);
        tasks.add(task);
        return task;
    }

    /** Polls, moving the clock past a scan each time, until three polls in a row return nothing. */
    List<SourceRecord> drain(LogFileSourceTask task) throws InterruptedException {
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
    void commit(SourceRecord record) {
        if (record.sourceOffset() == null) {
            committed.remove(record.sourcePartition());
        } else {
            committed.put(record.sourcePartition(), new HashMap<>(record.sourceOffset()));
        }
    }

    /** The messages of the events among {@code records}, leaving out the tombstones of clean.removed. */
    static List<String> messages(List<SourceRecord> records) {
        return records.stream()
                .filter(r -> r.value() != null)
                .map(r -> ((Struct) r.value()).getString("message"))
                .toList();
    }
}
