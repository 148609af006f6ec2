package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.health.KafkaHealthSourceConfig;
import dev.telemetry.connect.source.health.KafkaHealthSourceTask;
import dev.telemetry.connect.source.health.KafkaHealthSourceValidator;
import dev.telemetry.connect.source.health.TaskAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Watches one Kafka cluster, or several named in {@code clusters}, and emits their health as records: per consumer group its lag in offsets and in time and a
 * Burrow-style status, per topic its replication and throughput, and the cluster's brokers, controller and canary
 * latency. The connector starts {@code tasks.max} tasks; each lists the groups and topics itself and reports those
 * whose name hashes to it (see {@link TaskAssignment}), so the task configs never change with the lists.
 */
public class KafkaHealthSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        // Checked here to fail the connector on a bad config, rather than each of its tasks.
        KafkaHealthSourceValidator.of(props).ensureValid(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KafkaHealthSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> taskConfigs = new ArrayList<>();
        for (TaskAssignment assignment : TaskAssignment.all(maxTasks)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.putAll(assignment.toConfig());
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    @Override
    public void stop() {
        // Holds no client or thread: the tasks do all the reading.
    }

    @Override
    public ConfigDef config() {
        return KafkaHealthSourceConfig.CONFIG_DEF;
    }

    /** Every key's own checks, the checks across keys and the connector's ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return KafkaHealthSourceValidator.of(connectorConfigs).validate(connectorConfigs);
    }
}
