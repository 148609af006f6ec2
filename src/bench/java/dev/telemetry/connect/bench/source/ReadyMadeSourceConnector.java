package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.source.logfile.LogFileSourceTask;
import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * The ceiling of one source task: returns {@code records} ready-made records, 2,000 a poll, each a string value
 * of {@code value.chars} characters with key {@code key}, a source partition and an offset, built once before the
 * first poll. What is left is the worker's per-record work (conversion, offset tracking), the producer and the
 * broker. With {@code log.file} set, the keys and values are instead those of the first 2,000 records a
 * LogFileSourceTask makes of that file with the task settings given under {@code log.file.task.} ({@code format=plain}
 * when none are): the same Struct values, without reading or parsing.
 */
public final class ReadyMadeSourceConnector extends SourceConnector {
    /** Records a poll returns, as many as the connectors it is compared with return at most. */
    static final int BATCH = 2000;

    static final String TOPIC = "topic";
    static final String RECORDS = "records";
    static final String VALUE_CHARS = "value.chars";
    static final String KEY = "key";
    static final String LOG_FILE = "log.file";
    /** Prefix of the LogFileSourceTask settings that make the ready-made records, e.g. log.file.task.format=regex. */
    static final String LOG_FILE_TASK_PREFIX = "log.file.task.";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ReadyMadeSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return new ConfigDef()
                .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "topic")
                .define(RECORDS, ConfigDef.Type.LONG, ConfigDef.Importance.HIGH, "records to send")
                .define(VALUE_CHARS, ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "characters of a value")
                .define(KEY, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "key of every record")
                .define(
                        LOG_FILE,
                        ConfigDef.Type.STRING,
                        "",
                        ConfigDef.Importance.LOW,
                        "log file whose first log-file records are the keys and values, instead of strings");
    }

    @Override
    public String version() {
        return "bench";
    }

    public static final class ReadyMadeSourceTask extends SourceTask {
        private final CountDownLatch stopped = new CountDownLatch(1);
        private List<SourceRecord> batch;
        private long remaining;

        @Override
        public void start(Map<String, String> props) {
            remaining = Long.parseLong(props.get(ReadyMadeSourceConnector.RECORDS));
            String logFile = props.getOrDefault(ReadyMadeSourceConnector.LOG_FILE, "");
            List<SourceRecord> templates = logFile.isEmpty() ? stringRecords(props) : logFileRecords(logFile, props);
            Map<String, ?> partition = Map.of("ready", "made");
            batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                SourceRecord template = templates.get(i % templates.size());
                batch.add(new SourceRecord(
                        partition,
                        Map.of("n", (long) i),
                        props.get(ReadyMadeSourceConnector.TOPIC),
                        null,
                        template.keySchema(),
                        template.key(),
                        template.valueSchema(),
                        template.value(),
                        System.currentTimeMillis()));
            }
        }

        private static List<SourceRecord> stringRecords(Map<String, String> props) {
            String value = "x".repeat(Integer.parseInt(props.get(ReadyMadeSourceConnector.VALUE_CHARS)));
            return List.of(new SourceRecord(
                    null,
                    null,
                    null,
                    Schema.STRING_SCHEMA,
                    props.get(ReadyMadeSourceConnector.KEY),
                    Schema.STRING_SCHEMA,
                    value));
        }

        private static List<SourceRecord> logFileRecords(String file, Map<String, String> props) {
            Map<String, String> taskProps = new HashMap<>(Map.of(
                    "files", file, "format", "plain", "poll.wait.ms", "1", "max.batch.size", String.valueOf(BATCH)));
            props.forEach((key, value) -> {
                if (key.startsWith(LOG_FILE_TASK_PREFIX)) {
                    taskProps.put(key.substring(LOG_FILE_TASK_PREFIX.length()), value);
                }
            });
            LogFileSourceTask task = new LogFileSourceTask();
            task.initialize(new CommittedOffsetsContext(Map.of()));
            task.start(taskProps);
            try {
                List<SourceRecord> records = new ArrayList<>(BATCH);
                while (records.size() < BATCH) {
                    List<SourceRecord> polled = task.poll();
                    if (polled != null) {
                        records.addAll(polled);
                    }
                }
                return records;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                task.stop();
            }
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (remaining <= 0) {
                stopped.await(200, TimeUnit.MILLISECONDS);
                return null;
            }
            int size = (int) Math.min(BATCH, remaining);
            remaining -= size;
            return new ArrayList<>(batch.subList(0, size));
        }

        @Override
        public void stop() {
            stopped.countDown();
        }

        @Override
        public String version() {
            return "bench";
        }
    }
}
