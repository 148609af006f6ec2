package dev.telemetry.connect.sink;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Delivers classified records as alerts to a file, a webhook, Slack or Prometheus Alertmanager. Every task gets the
 * same configuration; Connect spreads the topic partitions over them.
 */
public class AlertSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new AlertSinkConfig(props);
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

    /**
     * Adds the checks that span several keys, each attached to the key the user must change, and the rules of the
     * ClassifyEvent entries of the connector's own transform chain.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            byName.put(value.name(), value);
        }
        AlertSinkConfig.crossFieldErrors(
                        key -> {
                            ConfigValue value = byName.get(key);
                            return value == null || !value.errorMessages().isEmpty() ? null : value.value();
                        },
                        connectorConfigs.get(AlertSinkConfig.MAX_POLL_INTERVAL_OVERRIDE))
                .forEach((key, message) -> byName.get(key).addErrorMessage(message));
        return ClassifyEventChainValidator.withRuleErrors(connectorConfigs, config);
    }
}
