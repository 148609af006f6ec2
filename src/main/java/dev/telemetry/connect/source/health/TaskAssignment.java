package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which share of the watched groups and topics one task reports: task {@code task} of {@code tasks} takes each group
 * and each topic whose name hashes to it ({@link String#hashCode()}, fixed by the Java specification, modulo the task
 * count), and the first task also reports the cluster. Tasks list the groups and topics themselves, so one that comes
 * or goes changes no task config: the worker restarts no task, and every other group keeps its task and the task's
 * memory of its commits. Changing {@code tasks.max} moves groups and topics between tasks.
 */
public record TaskAssignment(int task, int tasks) {

    public TaskAssignment {
        if (tasks < 1 || task < 0 || task >= tasks) {
            throw new IllegalArgumentException("Task " + task + " of " + tasks + " does not exist");
        }
    }

    /** One assignment per task, {@code maxTasks} of them (at least one). */
    public static List<TaskAssignment> all(int maxTasks) {
        int tasks = Math.max(1, maxTasks);
        List<TaskAssignment> result = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            result.add(new TaskAssignment(i, tasks));
        }
        return result;
    }

    public boolean cluster() {
        return task == 0;
    }

    /** The names, in order, that this task reports. */
    public List<String> owned(List<String> names) {
        return names.stream()
                .filter(name -> Math.floorMod(name.hashCode(), tasks) == task)
                .toList();
    }

    public Map<String, String> toConfig() {
        return Map.of(
                KafkaHealthSourceConfig.TASK_INDEX_CONFIG,
                String.valueOf(task),
                KafkaHealthSourceConfig.TASK_COUNT_CONFIG,
                String.valueOf(tasks));
    }

    /** Reads what {@link #toConfig()} wrote; a task config without it is a task not started by its connector. */
    public static TaskAssignment fromConfig(Map<String, String> config) {
        String task = config.get(KafkaHealthSourceConfig.TASK_INDEX_CONFIG);
        String tasks = config.get(KafkaHealthSourceConfig.TASK_COUNT_CONFIG);
        if (task == null || tasks == null) {
            throw new IllegalArgumentException("Task config lacks '" + KafkaHealthSourceConfig.TASK_INDEX_CONFIG
                    + "' or '" + KafkaHealthSourceConfig.TASK_COUNT_CONFIG
                    + "'; tasks are configured by KafkaHealthSourceConnector");
        }
        try {
            return new TaskAssignment(Integer.parseInt(task), Integer.parseInt(tasks));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unreadable task assignment: " + e.getMessage(), e);
        }
    }
}
