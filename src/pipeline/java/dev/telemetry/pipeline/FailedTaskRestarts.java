package dev.telemetry.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restarts, as an operator would, every task that fails while the pipeline runs, and says so under the progress
 * line and in the summary. Connect never restarts a failed task by itself. The one failure seen in these runs looks
 * like Kafka's (docs/testing.md): an exactly-once source task whose transaction commit the coordinator refuses with
 * {@code InvalidTxnStateException}; the restarted task resumes after its last committed transaction, so no event is
 * lost or written twice.
 */
final class FailedTaskRestarts {

    private final ConnectRest rest;
    private final List<String> connectors;
    /** Each failure restarted, with how often: a task that fails again at once fails the same way. */
    private final Map<String, Integer> restarted = new LinkedHashMap<>();

    FailedTaskRestarts(ConnectRest rest, List<String> connectors) {
        this.rest = rest;
        this.connectors = List.copyOf(connectors);
    }

    /** Restarts the failed tasks of every connector; a line for each connector that had one. */
    List<String> tickLines() {
        List<String> lines = new ArrayList<>();
        for (String name : connectors) {
            try {
                List<String> failed = rest.failedTasks(name);
                if (!failed.isEmpty()) {
                    rest.restartFailedTasks(name);
                    for (String task : failed) {
                        restarted.merge(name + " " + task, 1, Integer::sum);
                        lines.add("restarted failed task " + name + " " + task);
                    }
                }
            } catch (IOException e) {
                lines.add("could not check or restart the tasks of " + name + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return lines;
            }
        }
        return lines;
    }

    List<String> summary() {
        int restarts = restarted.values().stream().mapToInt(Integer::intValue).sum();
        List<String> lines = new ArrayList<>();
        lines.add("failed tasks restarted: " + restarts + (restarts == 0 ? "" : " (see worker.log)"));
        restarted.forEach((task, times) -> lines.add("  " + (times == 1 ? "" : times + " times: ") + task));
        return lines;
    }
}
