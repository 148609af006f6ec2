package dev.telemetry.connect.testkit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A source task context whose offset reader answers from a map the test fills, as a worker's committed offsets. */
public final class CommittedOffsetsContext implements SourceTaskContext {

    private final Map<? extends Map<String, ?>, Map<String, Object>> committed;
    private final PluginMetrics pluginMetrics;

    /** Without plugin metrics, as on a worker before Kafka 4.1. */
    public CommittedOffsetsContext(Map<? extends Map<String, ?>, Map<String, Object>> committed) {
        this(committed, null);
    }

    public CommittedOffsetsContext(
            Map<? extends Map<String, ?>, Map<String, Object>> committed, PluginMetrics pluginMetrics) {
        this.committed = committed;
        this.pluginMetrics = pluginMetrics;
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return committed.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                for (Map<String, T> partition : partitions) {
                    result.put(partition, committed.get(partition));
                }
                return result;
            }
        };
    }
}
