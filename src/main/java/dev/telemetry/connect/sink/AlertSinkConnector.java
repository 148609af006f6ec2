package dev.telemetry.connect.sink;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.config.AlertSinkValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Delivers classified records as alerts to a file, a webhook, Slack or Prometheus Alertmanager. Every task gets the
 * same configuration; Connect spreads the topic partitions over them.
 */
public class AlertSinkConnector extends SinkConnector {

    private static final AlertSinkValidator VALIDATOR = new AlertSinkValidator();

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
        return AlertSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        // Tasks own every resource.
    }

    @Override
    public ConfigDef config() {
        return AlertSinkConfig.CONFIG_DEF;
    }

    /** Every key's own checks, the checks across keys and the connector's ClassifyEvent rules, by key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return VALIDATOR.validate(connectorConfigs);
    }
}
