package dev.telemetry.connect.testkit;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * A sink that keeps, in this JVM, every record its tasks receive, after the connector's transforms ran. It lets an
 * integration test see what a real worker's sink side hands to a connector (schemaless Maps from JsonConverter with
 * schemas off, headers, the records a Filter let through). Registered in the test resources' META-INF/services, so
 * the embedded workers find it with {@code plugin.discovery=service_load}.
 */
public class CapturingSinkConnector extends SinkConnector {

    /** Name under which the captured records are kept; read them back with {@link #captured(String)}. */
    public static final String CAPTURE_ID_CONFIG = "capture.id";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    CAPTURE_ID_CONFIG,
                    ConfigDef.Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.HIGH,
                    "Name under which the records are kept for the test to read.");

    private static final Map<String, Queue<SinkRecord>> CAPTURED = new ConcurrentHashMap<>();

    private Map<String, String> props;

    /** Every record captured so far under {@code captureId}, in arrival order. */
    public static List<SinkRecord> captured(String captureId) {
        Queue<SinkRecord> records = CAPTURED.get(captureId);
        return records == null ? List.of() : List.copyOf(records);
    }

    @Override
    public void start(Map<String, String> props) {
        new AbstractConfig(CONFIG_DEF, props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CapturingTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return "test";
    }

    /** Appends each record it is given to the queue named by {@code capture.id}. */
    public static class CapturingTask extends SinkTask {

        private Queue<SinkRecord> records;

        @Override
        public void start(Map<String, String> props) {
            String captureId = new AbstractConfig(CONFIG_DEF, props).getString(CAPTURE_ID_CONFIG);
            records = CAPTURED.computeIfAbsent(captureId, id -> new ConcurrentLinkedQueue<>());
        }

        @Override
        public void put(Collection<SinkRecord> batch) {
            records.addAll(batch);
        }

        @Override
        public void stop() {}

        @Override
        public String version() {
            return "test";
        }
    }
}
