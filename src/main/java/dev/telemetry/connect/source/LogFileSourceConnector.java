package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.logfile.LogFileSourceConfig;
import dev.telemetry.connect.source.logfile.LogFileSourceTask;
import dev.telemetry.connect.source.logfile.LogFileSourceValidator;
import dev.telemetry.connect.source.logfile.SourceOffsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Tails log files the way log shippers do: files found by glob, followed through rename and copytruncate rotation
 * by device, inode and a fingerprint of their first bytes, lines grouped into events (multiline), parsed (plain,
 * JSON, logfmt, regex and presets) and written to the logs topic in the generator's logs shape. The offset of a
 * record is the byte position after its event, so with exactly-once source support every event is written once.
 */
public class LogFileSourceConnector extends SourceConnector {

    private static final LogFileSourceValidator VALIDATOR = new LogFileSourceValidator();

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        VALIDATOR.ensureValid(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LogFileSourceTask.class;
    }

    /** Every task scans every glob and reads the files whose identity hashes to its index. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(LogFileSourceConfig.TASK_INDEX_CONFIG, Integer.toString(i));
            task.put(LogFileSourceConfig.TASK_COUNT_CONFIG, Integer.toString(maxTasks));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        // Tasks own every file handle.
    }

    @Override
    public ConfigDef config() {
        return LogFileSourceConfig.CONFIG_DEF;
    }

    /** Every key's own checks, the checks across keys and the connector's ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return VALIDATOR.validate(connectorConfigs);
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Accepts well-formed offsets (a rewind, a skip, or null to read a file as new); refuses anything else. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return OffsetRequests.accept(() -> SourceOffsets.validate(offsets));
    }
}
