package dev.telemetry.connect.source.generator;

import dev.telemetry.connect.common.config.FiniteRange;
import dev.telemetry.connect.common.config.ValuesRecommender;
import dev.telemetry.connect.schema.SharedKeys;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.schema.TopicKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@code TelemetrySourceConnector}; every key, default, validator and recommender lives here. */
public class TelemetrySourceConfig extends AbstractConfig {

    public static final String STREAMS_CONFIG = "streams";
    public static final String RATE_PER_SECOND_CONFIG = "rate.per.second";
    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_RECORDS_CONFIG = "max.records";
    public static final String GENERATOR_SEED_CONFIG = "generator.seed";
    public static final String ANOMALY_RATE_CONFIG = "anomaly.rate";

    /** Set by the connector on each task: the streams that task alone emits. */
    public static final String TASK_STREAMS_CONFIG = "task.streams";

    private static final String GROUP_STREAMS = "Streams";
    private static final String GROUP_TOPICS = "Topics";
    private static final String GROUP_THROUGHPUT = "Throughput";

    public static final ConfigDef CONFIG_DEF = configDef();

    public TelemetrySourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
                .define(
                        STREAMS_CONFIG,
                        Type.LIST,
                        TelemetryStream.NAMES,
                        new StreamListValidator(),
                        Importance.HIGH,
                        "Telemetry streams to emit, any of " + TelemetryStream.NAMES + ". Each stream is a source "
                                + "partition with its own sequence number and is emitted by exactly one task.",
                        GROUP_STREAMS,
                        ++order,
                        Width.LONG,
                        "Streams",
                        new ValuesRecommender(TelemetryStream.NAMES))
                .define(
                        GENERATOR_SEED_CONFIG,
                        Type.LONG,
                        42L,
                        Importance.MEDIUM,
                        "Seed of the built-in generator. The same seed and sequence number always give the same "
                                + "record, so a run can be replayed and checked downstream.",
                        GROUP_STREAMS,
                        ++order,
                        Width.SHORT,
                        "Generator seed")
                .define(
                        ANOMALY_RATE_CONFIG,
                        Type.DOUBLE,
                        0.02,
                        FiniteRange.between(0.0, 1.0),
                        Importance.MEDIUM,
                        "Fraction of records, per stream, that fall inside an anomaly burst (error bursts in logs, "
                                + "API latency spikes, slow-query surges, bot traffic). 0 disables anomalies.",
                        GROUP_STREAMS,
                        ++order,
                        Width.SHORT,
                        "Anomaly rate");
        order = 0;
        for (TopicKind kind : TopicKind.values()) {
            SharedKeys.topic(kind).define(def, GROUP_TOPICS, ++order);
        }
        order = 0;
        def.define(
                        RATE_PER_SECOND_CONFIG,
                        Type.DOUBLE,
                        100.0,
                        FiniteRange.atLeast(0.0),
                        Importance.MEDIUM,
                        "Records per second in total, shared evenly over the connector's streams. 0 emits as fast "
                                + "as the worker can send.",
                        GROUP_THROUGHPUT,
                        ++order,
                        Width.SHORT,
                        "Rate per second")
                .define(
                        MAX_BATCH_SIZE_CONFIG,
                        Type.INT,
                        500,
                        Range.between(1, 100_000),
                        Importance.LOW,
                        "Most records one task returns from a single poll.",
                        GROUP_THROUGHPUT,
                        ++order,
                        Width.SHORT,
                        "Max batch size")
                .define(
                        MAX_RECORDS_CONFIG,
                        Type.LONG,
                        null,
                        new PositiveOrUnset(),
                        Importance.LOW,
                        "Stop emitting a stream after this many records (sequence numbers 0 to N-1); the task then "
                                + "idles. Unset: run forever.",
                        GROUP_THROUGHPUT,
                        ++order,
                        Width.SHORT,
                        "Max records per stream");
        return def;
    }

    public List<TelemetryStream> streams() {
        return parseStreams(getList(STREAMS_CONFIG));
    }

    public String topicFor(TelemetryStream stream) {
        return topicFor(stream.topicKind());
    }

    public String topicFor(TopicKind kind) {
        return getString(SharedKeys.topic(kind).name());
    }

    public double ratePerSecond() {
        return getDouble(RATE_PER_SECOND_CONFIG);
    }

    public int maxBatchSize() {
        return getInt(MAX_BATCH_SIZE_CONFIG);
    }

    /** Records per stream after which it stops; {@link Long#MAX_VALUE} when unset. */
    public long maxRecords() {
        Long max = getLong(MAX_RECORDS_CONFIG);
        return max == null ? Long.MAX_VALUE : max;
    }

    public long generatorSeed() {
        return getLong(GENERATOR_SEED_CONFIG);
    }

    public double anomalyRate() {
        return getDouble(ANOMALY_RATE_CONFIG);
    }

    static List<TelemetryStream> parseStreams(List<String> names) {
        List<TelemetryStream> streams = new ArrayList<>(names.size());
        for (String name : names) {
            streams.add(TelemetryStream.parse(name));
        }
        return streams;
    }

    /** Accepts a non-empty list of distinct stream names. */
    private static final class StreamListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) value;
            if (names == null || names.isEmpty()) {
                throw new ConfigException(name, value, "Name at least one of " + TelemetryStream.NAMES);
            }
            Set<String> seen = new HashSet<>();
            for (String stream : names) {
                try {
                    TelemetryStream.parse(stream);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
                if (!seen.add(stream.trim().toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name, value, "Stream '" + stream + "' is listed twice");
                }
            }
        }

        @Override
        public String toString() {
            return "non-empty list of distinct values from " + TelemetryStream.NAMES;
        }
    }

    private static final class PositiveOrUnset implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && (Long) value < 1) {
                throw new ConfigException(name, value, "Must be at least 1, or unset to run forever");
            }
        }

        @Override
        public String toString() {
            return "[1,...] or unset";
        }
    }
}
