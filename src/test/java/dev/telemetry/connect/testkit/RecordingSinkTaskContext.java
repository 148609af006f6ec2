package dev.telemetry.connect.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * A sink task's context without a worker: a fixed assignment, the plugin metrics given (null, as on a worker without
 * them), and what the task asked of it recorded (errant records reported, the last {@code timeout}).
 */
public final class RecordingSinkTaskContext implements SinkTaskContext {

    public final List<Map.Entry<SinkRecord, Throwable>> reported = new ArrayList<>();
    /** Whether {@link #errantRecordReporter()} gives a reporter, as a worker with an error reporter configured does. */
    public boolean reporterAvailable = true;
    /** The last {@code timeout} the task asked for; -1 before any. */
    public long timeoutMs = -1;

    private final Set<TopicPartition> assignment;
    private final PluginMetrics metrics;

    public RecordingSinkTaskContext(Set<TopicPartition> assignment, PluginMetrics metrics) {
        this.assignment = Set.copyOf(assignment);
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {}

    @Override
    public void offset(TopicPartition tp, long offset) {}

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        if (!reporterAvailable) {
            return null;
        }
        return (record, error) -> {
            reported.add(Map.entry(record, error));
            Future<Void> done = CompletableFuture.completedFuture(null);
            return done;
        };
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}
