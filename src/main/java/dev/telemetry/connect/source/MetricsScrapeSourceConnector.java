package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceTask;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.util.ConnectorUtils;

/**
 * Scrapes Prometheus and OpenMetrics endpoints on an interval into records keyed by each target's source. Targets are
 * spread over the tasks, each scraped by exactly one; a target is a source partition whose offset is its last scrape
 * time.
 *
 * <p>Exactly-once: supported. With {@code exactly.once.source.support=enabled} a scrape's records and its offset are
 * committed in one transaction, so a scrape is in the topic once or not at all; a scrape lost with an aborted
 * transaction is not repeated (an endpoint cannot be read as it was), the next scrape follows on schedule.
 */
public class MetricsScrapeSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private MetricsScrapeSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new MetricsScrapeSourceConfig(props);
        // Fails the connector, naming the key, on per-target settings the ConfigDef cannot check.
        config.targets();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MetricsScrapeSourceTask.class;
    }

    /** Groups the targets into at most {@code maxTasks} tasks; no target is given to two tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> targets = config.targetNames();
        int groups = Math.min(maxTasks, targets.size());
        List<Map<String, String>> taskConfigs = new ArrayList<>(groups);
        for (List<String> group : ConnectorUtils.groupPartitions(targets, groups)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, String.join(",", group));
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    /**
     * The ConfigDef's checks, then the per-target keys and the checks across keys, and the rules of the ClassifyEvent
     * entries of the connector's own transform chain, each error under its key.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ClassifyEventChainValidator.withRuleErrors(connectorConfigs, validateOwnKeys(connectorConfigs));
    }

    private Config validateOwnKeys(Map<String, String> connectorConfigs) {
        Config validated = super.validate(connectorConfigs);
        boolean definedKeysValid = validated.configValues().stream()
                .allMatch(v -> v.errorMessages().isEmpty());
        if (!definedKeysValid) {
            return validated;
        }
        Map<String, List<String>> errors;
        try {
            errors = new MetricsScrapeSourceConfig(connectorConfigs).targetErrors(connectorConfigs);
        } catch (ConfigException e) {
            return validated;
        }
        List<ConfigValue> values = new ArrayList<>(validated.configValues());
        errors.forEach((key, messages) -> {
            ConfigValue value = values.stream()
                    .filter(v -> v.name().equals(key))
                    .findFirst()
                    .orElse(null);
            if (value == null) {
                boolean secret = key.endsWith(MetricsScrapeSourceConfig.BEARER_TOKEN_CONFIG)
                        || key.endsWith(MetricsScrapeSourceConfig.TRUSTSTORE_PASSWORD_CONFIG);
                value = new ConfigValue(
                        key, secret ? "[hidden]" : connectorConfigs.get(key), List.of(), new ArrayList<>());
                values.add(value);
            }
            messages.forEach(value::addErrorMessage);
        });
        return new Config(values);
    }

    @Override
    public void stop() {
        // Nothing to release: tasks own all resources.
    }

    @Override
    public ConfigDef config() {
        return MetricsScrapeSourceConfig.CONFIG_DEF;
    }

    /**
     * Accepts offsets the task can resume from: partitions {@code {"target": name}} and offsets
     * {@code {"scrape_time_ms": epoch ms}} or null (reset: the next scrape is immediate). Refuses anything else,
     * naming what is wrong, since the task would otherwise ignore it silently.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return OffsetRequests.accept(() -> offsets.forEach(MetricsScrapeSourceConnector::checkOffset));
    }

    private static void checkOffset(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null || partition.size() != 1 || !(partition.get("target") instanceof String)) {
            throw new ConnectException("A partition of this connector is {\"target\": \"<name>\"}, not " + partition);
        }
        if (offset == null) {
            return;
        }
        Object time = offset.get("scrape_time_ms");
        if (offset.size() != 1 || !(time instanceof Long) || (Long) time < 0) {
            throw new ConnectException("An offset of this connector is {\"scrape_time_ms\": <epoch ms>} or "
                    + "null, not " + offset + " for " + partition);
        }
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
