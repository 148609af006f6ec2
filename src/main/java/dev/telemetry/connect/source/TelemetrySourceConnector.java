package dev.telemetry.connect.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetryStream;

/**
 * Emits web, mobile, API and database metrics, application logs and user events. Each stream is a source partition
 * whose offset is a sequence number; since the generator is deterministic, a restarted task re-emits exactly the
 * records that follow its committed offset, which is what makes exactly-once delivery possible.
 */
public class TelemetrySourceConnector extends SourceConnector {

    private Map<String, String> props;
    private TelemetrySourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new TelemetrySourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TelemetrySourceTask.class;
    }

    /** Groups the streams into at most {@code maxTasks} tasks; no stream is given to two tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<TelemetryStream> streams = config.streams();
        int groups = Math.min(maxTasks, streams.size());
        List<Map<String, String>> taskConfigs = new ArrayList<>(groups);
        for (List<TelemetryStream> group : ConnectorUtils.groupPartitions(streams, groups)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(TelemetrySourceConfig.TASK_STREAMS_CONFIG,
                    group.stream().map(TelemetryStream::wireName).collect(Collectors.joining(",")));
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    @Override
    public void stop() {
        // Nothing to release: tasks own all resources.
    }

    @Override
    public ConfigDef config() {
        return TelemetrySourceConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
