package dev.telemetry.connect.source.health;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code poll.interval.ms}, for each monitored cluster ({@link ClusterMonitor}): one record per group and topic
 * of this task's share and, on the first task, one for the cluster. Nothing a monitored cluster does fails the task.
 */
public class KafkaHealthSourceTask extends SourceTask {

    static final String PARTITION_CLUSTER_KEY = "cluster";
    static final String PARTITION_KIND_KEY = "kind";
    static final String PARTITION_ENTITY_KEY = "entity";
    static final String OFFSET_POLL_TIME_KEY = "poll_time";

    private static final Logger log = LoggerFactory.getLogger(KafkaHealthSourceTask.class);

    private final LongSupplier clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<ClusterMonitor> monitors = new ArrayList<>();

    private KafkaHealthSourceConfig config;
    private KafkaHealthMetrics metrics;
    private long nextPollMs;

    public KafkaHealthSourceTask() {
        this(System::currentTimeMillis);
    }

    KafkaHealthSourceTask(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new KafkaHealthSourceConfig(props);
        TaskAssignment assignment;
        try {
            assignment = TaskAssignment.fromConfig(props);
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage(), e);
        }
        // Checked again here: the clients open these files, and the operator's policy may have changed since start().
        for (Map.Entry<String, String> refusal :
                config.clientFileRefusals(OperatorPolicy.ofWorker().readPaths()).entrySet()) {
            throw new ConnectException("Refusing " + refusal.getKey() + ": " + refusal.getValue());
        }
        for (MonitoredCluster cluster : config.clusters()) {
            ClusterMonitor monitor = new ClusterMonitor(cluster, config, assignment);
            monitors.add(monitor);
            log.info(
                    "Task {} of {} watching the groups and topics of {} that hash to it{}",
                    assignment.task() + 1,
                    assignment.tasks(),
                    monitor.describe(),
                    assignment.cluster() ? ", and the cluster" : "");
        }
        metrics = new KafkaHealthMetrics(
                PluginMetricSet.of(context), assignment.cluster() && config.canaryEnabled(), monitors);
        nextPollMs = clock.getAsLong();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long waitMs = nextPollMs - clock.getAsLong();
        if (waitMs > 0 && stopped.await(waitMs, TimeUnit.MILLISECONDS)) {
            return null;
        }
        long nowMs = clock.getAsLong();
        nextPollMs = Math.max(nextPollMs + config.pollIntervalMs(), nowMs + 1);
        List<SourceRecord> records = collect(nowMs);
        metrics.polled(records);
        return records;
    }

    List<SourceRecord> collect(long nowMs) {
        List<SourceRecord> records = new ArrayList<>();
        for (ClusterMonitor monitor : monitors) {
            records.addAll(monitor.collect(nowMs));
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
        monitors.forEach(ClusterMonitor::close);
    }
}
