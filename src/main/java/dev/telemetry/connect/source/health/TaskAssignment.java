package dev.telemetry.connect.source.health;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups and topics one task reports, and whether it also reports the cluster. Lists travel in the task config
 * as JSON arrays, since a group id may contain any character, commas included.
 */
public record TaskAssignment(List<String> groups, List<String> topics, boolean cluster) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    /**
     * Spreads groups, then topics, round-robin over at most {@code maxTasks} tasks (at least one, which reports the
     * cluster even when there is nothing else to watch).
     */
    public static List<TaskAssignment> spread(List<String> groups, List<String> topics, int maxTasks) {
        int tasks = Math.max(1, Math.min(maxTasks, groups.size() + topics.size()));
        List<List<String>> taskGroups = new ArrayList<>();
        List<List<String>> taskTopics = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            taskGroups.add(new ArrayList<>());
            taskTopics.add(new ArrayList<>());
        }
        int next = 0;
        for (String group : groups) {
            taskGroups.get(next++ % tasks).add(group);
        }
        for (String topic : topics) {
            taskTopics.get(next++ % tasks).add(topic);
        }
        List<TaskAssignment> result = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            result.add(new TaskAssignment(taskGroups.get(i), taskTopics.get(i), i == 0));
        }
        return result;
    }

    public Map<String, String> toConfig() {
        Map<String, String> config = new HashMap<>();
        try {
            config.put(KafkaHealthSourceConfig.TASK_GROUPS_CONFIG, JSON.writeValueAsString(groups));
            config.put(KafkaHealthSourceConfig.TASK_TOPICS_CONFIG, JSON.writeValueAsString(topics));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put(KafkaHealthSourceConfig.TASK_CLUSTER_CONFIG, String.valueOf(cluster));
        return config;
    }

    /** Reads what {@link #toConfig()} wrote; a task config without it is a task not started by its connector. */
    public static TaskAssignment fromConfig(Map<String, String> config) {
        String groups = config.get(KafkaHealthSourceConfig.TASK_GROUPS_CONFIG);
        String topics = config.get(KafkaHealthSourceConfig.TASK_TOPICS_CONFIG);
        if (groups == null || topics == null) {
            throw new IllegalArgumentException("Task config lacks '" + KafkaHealthSourceConfig.TASK_GROUPS_CONFIG
                    + "' or '" + KafkaHealthSourceConfig.TASK_TOPICS_CONFIG
                    + "'; tasks are configured by KafkaHealthSourceConnector");
        }
        try {
            return new TaskAssignment(
                    JSON.readValue(groups, STRINGS),
                    JSON.readValue(topics, STRINGS),
                    Boolean.parseBoolean(config.get(KafkaHealthSourceConfig.TASK_CLUSTER_CONFIG)));
        } catch (IOException e) {
            throw new IllegalArgumentException("Unreadable task assignment: " + e.getMessage(), e);
        }
    }
}
