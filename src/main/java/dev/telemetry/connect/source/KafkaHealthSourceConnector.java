package dev.telemetry.connect.source;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.health.KafkaHealthSourceConfig;
import dev.telemetry.connect.source.health.KafkaHealthSourceTask;
import dev.telemetry.connect.source.health.KafkaHealthSourceValidator;
import dev.telemetry.connect.source.health.MonitoredEntities;
import dev.telemetry.connect.source.health.TaskAssignment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a Kafka cluster and emits its health as records: per consumer group its lag in offsets and in time and a
 * Burrow-style status, per topic its replication and throughput, and the cluster's brokers, controller and canary
 * latency. The connector lists the groups and topics, spreads them over the tasks, and asks for new task configs
 * when the lists change.
 */
public class KafkaHealthSourceConnector extends SourceConnector {

    private static final KafkaHealthSourceValidator VALIDATOR = new KafkaHealthSourceValidator();

    private static final Logger log = LoggerFactory.getLogger(KafkaHealthSourceConnector.class);

    private Map<String, String> props;
    private KafkaHealthSourceConfig config;
    private Admin admin;
    private MonitoredEntities entities;
    private ScheduledExecutorService refresher;
    private volatile MonitoredEntities.Lists lists = MonitoredEntities.Lists.EMPTY;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        VALIDATOR.ensureValid(props);
        this.config = new KafkaHealthSourceConfig(props);
        admin = Admin.create(config.clientProps());
        entities = new MonitoredEntities(admin, config, config.apiTimeoutMs());
        lists = listOrKeep(MonitoredEntities.Lists.EMPTY);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kafka-health-list-refresh");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.listRefreshIntervalMs();
        refresher.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        MonitoredEntities.Lists fresh = listOrKeep(lists);
        if (!fresh.equals(lists)) {
            log.info(
                    "Monitored lists changed to {} groups and {} topics; reconfiguring tasks",
                    fresh.groups().size(),
                    fresh.topics().size());
            lists = fresh;
            context.requestTaskReconfiguration();
        }
    }

    /** The current lists, or {@code previous} when the cluster cannot be listed now (tasks report why). */
    private MonitoredEntities.Lists listOrKeep(MonitoredEntities.Lists previous) {
        try {
            return entities.list();
        } catch (RuntimeException e) {
            log.warn(
                    "Cannot list groups and topics of {}, keeping the previous lists: {}",
                    config.bootstrapServers(),
                    e.getMessage());
            return previous;
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return KafkaHealthSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        MonitoredEntities.Lists current = lists;
        List<Map<String, String>> taskConfigs = new ArrayList<>();
        for (TaskAssignment assignment : TaskAssignment.spread(current.groups(), current.topics(), maxTasks)) {
            Map<String, String> taskConfig = new HashMap<>(props);
            taskConfig.putAll(assignment.toConfig());
            taskConfigs.add(taskConfig);
        }
        return taskConfigs;
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public ConfigDef config() {
        return KafkaHealthSourceConfig.CONFIG_DEF;
    }

    /** Every key's own checks, the checks across keys and the connector's ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return VALIDATOR.validate(connectorConfigs);
    }
}
