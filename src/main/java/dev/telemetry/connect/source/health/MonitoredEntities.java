package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;

/** Lists the consumer groups and topics of the monitored cluster that the include and exclude patterns select. */
public final class MonitoredEntities {

    /** Sorted group ids and topic names, so that equal lists compare equal. */
    public record Lists(List<String> groups, List<String> topics) {
        public static final Lists EMPTY = new Lists(List.of(), List.of());
    }

    private final Admin admin;
    private final KafkaHealthSourceConfig config;
    private final long timeoutMs;

    public MonitoredEntities(Admin admin, KafkaHealthSourceConfig config, long timeoutMs) {
        this.admin = admin;
        this.config = config;
        this.timeoutMs = timeoutMs;
    }

    /** @throws RuntimeException when the cluster cannot be listed within the timeout */
    public Lists list() {
        TreeSet<String> groups = new TreeSet<>();
        for (String group : WorkerClientsApi.consumerGroupIds(admin, timeoutMs)) {
            if (KafkaHealthSourceConfig.selected(group, config.groupsInclude(), config.groupsExclude())) {
                groups.add(group);
            }
        }
        TreeSet<String> topics = new TreeSet<>();
        for (String topic : AdminCalls.await(admin.listTopics().names(), timeoutMs, "listTopics")) {
            if (KafkaHealthSourceConfig.selected(topic, config.topicsInclude(), config.topicsExclude())) {
                topics.add(topic);
            }
        }
        return new Lists(new ArrayList<>(groups), new ArrayList<>(topics));
    }
}
