package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.source.TelemetrySourceConnector;
import dev.telemetry.connect.source.generator.TelemetrySourceTask;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.source.TransactionContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The generator connector with its task's plugin metrics off, as on a worker older than Kafka 4.1: the task's context
 * hands out no {@link PluginMetrics}, so the task registers and records nothing. The other side of the metrics' cost
 * in {@link SourceThroughputBenchmark}; found by class-path scanning, as no service file lists it.
 */
public final class MetricsOffTelemetrySourceConnector extends TelemetrySourceConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return MetricsOffTask.class;
    }

    /** The generator's task, initialized with a context that has no plugin metrics. */
    public static final class MetricsOffTask extends TelemetrySourceTask {
        @Override
        public void initialize(SourceTaskContext context) {
            super.initialize(new WithoutPluginMetrics(context));
        }
    }

    private record WithoutPluginMetrics(SourceTaskContext worker) implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return worker.configs();
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return worker.offsetStorageReader();
        }

        @Override
        public TransactionContext transactionContext() {
            return worker.transactionContext();
        }

        @Override
        public PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
