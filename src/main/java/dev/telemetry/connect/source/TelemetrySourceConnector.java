package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.StreamOffsets;
import dev.telemetry.connect.source.generator.TelemetrySourceConfig;
import dev.telemetry.connect.source.generator.TelemetrySourceTask;
import dev.telemetry.connect.source.generator.TelemetrySourceValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Emits web, mobile, API and database metrics, application logs and user events. Each stream is a source partition
 * whose offset is a sequence number and the seed it was generated with ({@link StreamOffsets}); since the generator is
 * deterministic, a restarted task re-emits exactly the records that follow its committed offset, which is what makes
 * exactly-once delivery possible.
 */
public class TelemetrySourceConnector extends SourceConnector {

    private static final TelemetrySourceValidator VALIDATOR = new TelemetrySourceValidator();

    private Map<String, String> props;
    private TelemetrySourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        VALIDATOR.ensureValid(props);
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
            taskConfig.put(
                    TelemetrySourceConfig.TASK_STREAMS_CONFIG,
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

    /** Every key's own checks, the checks across keys and the connector's ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return VALIDATOR.validate(connectorConfigs);
    }

    /**
     * Checks offsets written through the REST offsets API (connector stopped; PATCH or DELETE
     * {@code /connectors/<name>/offsets}) before Connect stores them, so a bad value is refused there, with a message
     * that names the problem, instead of failing a task later. A partition must name a stream; an offset needs a whole
     * {@code seq} from 0 to max.records - 1 and, if it has a {@code seed}, this connector's generator.seed. A null
     * offset resets its stream, which then replays from sequence number 0. Connect answers a refusal with status 500:
     * its REST layer gives 400 only for its own internal exception types, which a plugin should not depend on.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return OffsetRequests.accept(() -> StreamOffsets.validate(connectorConfig, offsets));
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
