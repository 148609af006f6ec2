package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceTask;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
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

    private static final MetricsScrapeSourceValidator VALIDATOR = new MetricsScrapeSourceValidator();

    private Map<String, String> props;
    private MetricsScrapeSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        VALIDATOR.ensureValid(props);
        this.props = Map.copyOf(props);
        this.config = new MetricsScrapeSourceConfig(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MetricsScrapeSourceTask.class;
    }

    /**
     * Groups the static targets into at most {@code maxTasks} tasks; no target is given to two tasks. With service
     * discovery there are {@code maxTasks} tasks, each told its index: each discovers on its own and scrapes its share
     * of the discovered targets, so targets come and go without the tasks being reconfigured.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<String> targets = config.targetNames();
        int groups = config.discoveryEnabled() ? maxTasks : Math.min(maxTasks, targets.size());
        List<Map<String, String>> taskConfigs = new ArrayList<>(groups);
        for (List<String> group : ConnectorUtils.groupPartitions(targets, groups)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.put(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, String.join(",", group));
            taskConfig.put(MetricsScrapeSourceConfig.TASK_INDEX_CONFIG, Integer.toString(taskConfigs.size()));
            taskConfig.put(MetricsScrapeSourceConfig.TASK_COUNT_CONFIG, Integer.toString(groups));
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    /** Every key's own checks, the per-target keys, the checks across keys and the ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return VALIDATOR.validate(connectorConfigs);
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
