package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the records on {@code kafka_health}, one per kind. Every value has {@code kind}
 * ({@code group}, {@code topic}, {@code cluster}), {@code timestamp}, {@code source} (kind and entity, the alert's
 * source), {@code message} (one readable line) and {@code cluster} (the cluster's name when {@code clusters} names
 * several); the rest are typed fields that rules read by name.
 */
final class HealthSchemas {

    public static final String KIND_GROUP = "group";
    public static final String KIND_TOPIC = "topic";
    public static final String KIND_CLUSTER = "cluster";

    public static final String KIND = "kind";
    public static final String TIMESTAMP = "timestamp";
    public static final String SOURCE = "source";
    public static final String MESSAGE = "message";
    public static final String CLUSTER = "cluster";

    public static final String GROUP = "group";
    public static final String STATE = "state";
    public static final String MEMBERS = "members";
    public static final String STATUS = "status";
    public static final String STATUS_REASON = "status_reason";
    public static final String LAG_SUM = "lag_sum";
    public static final String LAG_MAX = "lag_max";
    public static final String TIME_LAG_SECONDS = "time_lag_seconds";
    public static final String PARTITIONS_WITHOUT_OFFSET = "partitions_without_offset";
    public static final String TOPICS = "topics";
    public static final String PARTITION_LAGS = "partition_lags";
    public static final String OTHER_PARTITIONS = "other_partitions";
    public static final String OTHER_PARTITIONS_LAG_SUM = "other_partitions_lag_sum";
    public static final String PARTITION = "partition";
    public static final String COMMITTED_OFFSET = "committed_offset";
    public static final String END_OFFSET = "end_offset";
    public static final String LAG = "lag";

    public static final String TOPIC = "topic";
    public static final String PARTITIONS = "partitions";
    public static final String REPLICATION_FACTOR = "replication_factor";
    public static final String UNDER_REPLICATED_PARTITIONS = "under_replicated_partitions";
    public static final String OFFLINE_PARTITIONS = "offline_partitions";
    public static final String UNDER_MIN_ISR_PARTITIONS = "under_min_isr_partitions";
    public static final String MIN_INSYNC_REPLICAS = "min_insync_replicas";
    public static final String MESSAGES_IN_PER_SEC = "messages_in_per_sec";
    public static final String END_OFFSET_SUM = "end_offset_sum";
    public static final String MESSAGES_IN_PER_SEC_BASELINE = "messages_in_per_sec_baseline";
    public static final String BYTES_IN_PER_SEC = "bytes_in_per_sec";
    public static final String BYTES_IN_PER_SEC_BASELINE = "bytes_in_per_sec_baseline";
    public static final String IDLE_SECONDS = "idle_seconds";
    public static final String SIZE_BYTES = "size_bytes";
    public static final String PARTITION_SIZE_MAX_BYTES = "partition_size_max_bytes";
    public static final String PARTITION_SIZE_SKEW = "partition_size_skew";

    public static final String CLUSTER_ID = "cluster_id";
    public static final String REACHABLE = "reachable";
    public static final String ERROR = "error";
    public static final String BROKERS = "brokers";
    public static final String CONTROLLER_ID = "controller_id";
    public static final String CANARY_PRODUCED = "canary_produced";
    public static final String CANARY_SENT = "canary_sent";
    public static final String CANARY_RECEIVED = "canary_received";
    public static final String CANARY_LATENCY_P50_MS = "canary_latency_p50_ms";
    public static final String CANARY_LATENCY_P99_MS = "canary_latency_p99_ms";
    public static final String CANARY_LATENCY_MAX_MS = "canary_latency_max_ms";
    public static final String CANARY_ERROR = "canary_error";

    private static final String NAMESPACE = "dev.telemetry.health.";

    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

    public static final Schema TOPIC_LAG = SchemaBuilder.struct()
            .name(NAMESPACE + "TopicLag")
            .doc("A consumer group's lag on one topic.")
            .field(TOPIC, Schema.STRING_SCHEMA)
            .field(PARTITIONS, Schema.INT32_SCHEMA)
            .field(PARTITIONS_WITHOUT_OFFSET, Schema.INT32_SCHEMA)
            .field(LAG_SUM, Schema.INT64_SCHEMA)
            .field(LAG_MAX, Schema.INT64_SCHEMA)
            .field(TIME_LAG_SECONDS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(STATUS, Schema.STRING_SCHEMA)
            .field(STATUS_REASON, Schema.STRING_SCHEMA)
            .build();

    public static final Schema PARTITION_LAG = SchemaBuilder.struct()
            .name(NAMESPACE + "PartitionLag")
            .doc("A consumer group's lag on one partition.")
            .field(TOPIC, Schema.STRING_SCHEMA)
            .field(PARTITION, Schema.INT32_SCHEMA)
            .field(COMMITTED_OFFSET, Schema.INT64_SCHEMA)
            .field(END_OFFSET, Schema.INT64_SCHEMA)
            .field(LAG, Schema.INT64_SCHEMA)
            .field(TIME_LAG_SECONDS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(STATUS, Schema.STRING_SCHEMA)
            .build();

    public static final Schema GROUP_VALUE = common("ConsumerGroup", "A consumer group's state and lag at one poll.")
            .field(GROUP, Schema.STRING_SCHEMA)
            .field(STATE, Schema.STRING_SCHEMA)
            .field(MEMBERS, Schema.INT32_SCHEMA)
            .field(STATUS, Schema.STRING_SCHEMA)
            .field(STATUS_REASON, Schema.STRING_SCHEMA)
            .field(LAG_SUM, Schema.INT64_SCHEMA)
            .field(LAG_MAX, Schema.INT64_SCHEMA)
            .field(TIME_LAG_SECONDS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(PARTITIONS_WITHOUT_OFFSET, Schema.INT32_SCHEMA)
            .field(TOPICS, SchemaBuilder.array(TOPIC_LAG).build())
            .field(PARTITION_LAGS, SchemaBuilder.array(PARTITION_LAG).build())
            .field(OTHER_PARTITIONS, Schema.INT32_SCHEMA)
            .field(OTHER_PARTITIONS_LAG_SUM, Schema.INT64_SCHEMA)
            .build();

    public static final Schema TOPIC_VALUE = common("Topic", "A topic's replication, throughput and size at one poll.")
            .field(TOPIC, Schema.STRING_SCHEMA)
            .field(PARTITIONS, Schema.INT32_SCHEMA)
            .field(REPLICATION_FACTOR, Schema.INT32_SCHEMA)
            .field(UNDER_REPLICATED_PARTITIONS, Schema.INT32_SCHEMA)
            .field(OFFLINE_PARTITIONS, Schema.INT32_SCHEMA)
            .field(UNDER_MIN_ISR_PARTITIONS, Schema.INT32_SCHEMA)
            .field(MIN_INSYNC_REPLICAS, Schema.OPTIONAL_INT32_SCHEMA)
            .field(MESSAGES_IN_PER_SEC, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(END_OFFSET_SUM, Schema.INT64_SCHEMA)
            .field(MESSAGES_IN_PER_SEC_BASELINE, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(BYTES_IN_PER_SEC, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(BYTES_IN_PER_SEC_BASELINE, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(IDLE_SECONDS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(SIZE_BYTES, Schema.OPTIONAL_INT64_SCHEMA)
            .field(PARTITION_SIZE_MAX_BYTES, Schema.OPTIONAL_INT64_SCHEMA)
            .field(PARTITION_SIZE_SKEW, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();

    public static final Schema CLUSTER_VALUE = common("Cluster", "The monitored cluster at one poll.")
            .field(CLUSTER_ID, Schema.OPTIONAL_STRING_SCHEMA)
            .field(REACHABLE, Schema.BOOLEAN_SCHEMA)
            .field(ERROR, Schema.OPTIONAL_STRING_SCHEMA)
            .field(BROKERS, Schema.OPTIONAL_INT32_SCHEMA)
            .field(CONTROLLER_ID, Schema.OPTIONAL_INT32_SCHEMA)
            .field(CANARY_PRODUCED, Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field(CANARY_SENT, Schema.OPTIONAL_INT32_SCHEMA)
            .field(CANARY_RECEIVED, Schema.OPTIONAL_INT32_SCHEMA)
            .field(CANARY_LATENCY_P50_MS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(CANARY_LATENCY_P99_MS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(CANARY_LATENCY_MAX_MS, Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field(CANARY_ERROR, Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private HealthSchemas() {}

    public static Struct group(GroupHealth g, long timestampMs) {
        List<Struct> topics = new ArrayList<>(g.topics().size());
        for (TopicLag t : g.topics()) {
            topics.add(new Struct(TOPIC_LAG)
                    .put(TOPIC, t.topic())
                    .put(PARTITIONS, t.partitions())
                    .put(PARTITIONS_WITHOUT_OFFSET, t.partitionsWithoutOffset())
                    .put(LAG_SUM, t.lagSum())
                    .put(LAG_MAX, t.lagMax())
                    .put(TIME_LAG_SECONDS, t.timeLagSeconds())
                    .put(STATUS, t.status().name())
                    .put(STATUS_REASON, t.statusReason()));
        }
        List<Struct> partitionLags = new ArrayList<>(g.partitionLags().size());
        for (PartitionLag p : g.partitionLags()) {
            partitionLags.add(new Struct(PARTITION_LAG)
                    .put(TOPIC, p.topic())
                    .put(PARTITION, p.partition())
                    .put(COMMITTED_OFFSET, p.committedOffset())
                    .put(END_OFFSET, p.endOffset())
                    .put(LAG, p.lag())
                    .put(TIME_LAG_SECONDS, p.timeLagSeconds())
                    .put(STATUS, p.status().name()));
        }
        String message = "consumer group " + g.group() + " is " + g.status() + " (" + g.statusReason() + "), lag "
                + g.lagSum()
                + (g.timeLagSeconds() == null ? "" : String.format(Locale.ROOT, ", %.1f s behind", g.timeLagSeconds()));
        return envelope(GROUP_VALUE, KIND_GROUP, timestampMs, g.group(), message)
                .put(GROUP, g.group())
                .put(STATE, g.state())
                .put(MEMBERS, g.members())
                .put(STATUS, g.status().name())
                .put(STATUS_REASON, g.statusReason())
                .put(LAG_SUM, g.lagSum())
                .put(LAG_MAX, g.lagMax())
                .put(TIME_LAG_SECONDS, g.timeLagSeconds())
                .put(PARTITIONS_WITHOUT_OFFSET, g.partitionsWithoutOffset())
                .put(TOPICS, topics)
                .put(PARTITION_LAGS, partitionLags)
                .put(OTHER_PARTITIONS, g.otherPartitions())
                .put(OTHER_PARTITIONS_LAG_SUM, g.otherPartitionsLagSum());
    }

    public static Struct topic(TopicHealth t, long timestampMs) {
        String message = "topic " + t.topic() + ": " + t.partitions() + " partitions, " + t.underReplicatedPartitions()
                + " under-replicated, " + t.offlinePartitions() + " offline, " + t.underMinIsrPartitions()
                + " under min ISR";
        TopicThroughput.Rates rates = t.rates();
        if (rates.messagesInPerSec() != null) {
            message += String.format(Locale.ROOT, ", %.1f messages/s in", rates.messagesInPerSec());
        }
        if (rates.idleSeconds() != null && rates.idleSeconds() > 0) {
            message += String.format(Locale.ROOT, ", nothing in for %.0f s", rates.idleSeconds());
        }
        TopicSize size = t.size();
        Struct value = envelope(TOPIC_VALUE, KIND_TOPIC, timestampMs, t.topic(), message)
                .put(TOPIC, t.topic())
                .put(PARTITIONS, t.partitions())
                .put(REPLICATION_FACTOR, t.replicationFactor())
                .put(UNDER_REPLICATED_PARTITIONS, t.underReplicatedPartitions())
                .put(OFFLINE_PARTITIONS, t.offlinePartitions())
                .put(UNDER_MIN_ISR_PARTITIONS, t.underMinIsrPartitions())
                .put(MIN_INSYNC_REPLICAS, t.minInsyncReplicas())
                .put(MESSAGES_IN_PER_SEC, rates.messagesInPerSec())
                .put(END_OFFSET_SUM, t.endOffsetSum())
                .put(MESSAGES_IN_PER_SEC_BASELINE, rates.messagesInPerSecBaseline())
                .put(BYTES_IN_PER_SEC, rates.bytesInPerSec())
                .put(BYTES_IN_PER_SEC_BASELINE, rates.bytesInPerSecBaseline())
                .put(IDLE_SECONDS, rates.idleSeconds());
        if (size != null) {
            value.put(SIZE_BYTES, size.bytes())
                    .put(PARTITION_SIZE_MAX_BYTES, size.partitionMaxBytes())
                    .put(PARTITION_SIZE_SKEW, size.partitionSkew());
        }
        return value;
    }

    /** @param entity the cluster id, or the bootstrap servers when the cluster could not be reached */
    public static Struct cluster(ClusterHealth c, String entity, long timestampMs) {
        String message = c.reachable()
                ? "cluster " + c.clusterId() + ": " + c.brokers() + " brokers, controller " + c.controllerId()
                : "cluster at " + entity + " unreachable: " + c.error();
        CanaryResult canary = c.canary();
        if (canary != null) {
            message +=
                    canary.produced() ? ", canary p99 " + canary.p99Ms() + " ms" : ", canary failed: " + canary.error();
        }
        Struct value = envelope(CLUSTER_VALUE, KIND_CLUSTER, timestampMs, entity, message)
                .put(CLUSTER_ID, c.clusterId())
                .put(REACHABLE, c.reachable())
                .put(ERROR, c.error())
                .put(BROKERS, c.brokers())
                .put(CONTROLLER_ID, c.controllerId());
        if (canary != null) {
            value.put(CANARY_PRODUCED, canary.produced())
                    .put(CANARY_SENT, canary.sent())
                    .put(CANARY_RECEIVED, canary.received())
                    .put(CANARY_LATENCY_P50_MS, canary.p50Ms())
                    .put(CANARY_LATENCY_P99_MS, canary.p99Ms())
                    .put(CANARY_LATENCY_MAX_MS, canary.maxMs())
                    .put(CANARY_ERROR, canary.error());
        }
        return value;
    }

    private static Struct envelope(Schema schema, String kind, long timestampMs, String entity, String message) {
        return new Struct(schema)
                .put(KIND, kind)
                .put(TIMESTAMP, new Date(timestampMs))
                .put(SOURCE, kind + ":" + entity)
                .put(MESSAGE, message);
    }

    private static SchemaBuilder common(String name, String doc) {
        return SchemaBuilder.struct()
                .name(NAMESPACE + name)
                .doc(doc)
                .field(KIND, Schema.STRING_SCHEMA)
                .field(TIMESTAMP, Timestamp.SCHEMA)
                .field(SOURCE, Schema.STRING_SCHEMA)
                .field(MESSAGE, Schema.STRING_SCHEMA)
                .field(CLUSTER, Schema.OPTIONAL_STRING_SCHEMA);
    }

    /**
     * Marks a record of a cluster named in {@code clusters}: its name in {@code cluster}, in the source
     * ({@code group:<name>/<id>}) and at the start of the message, so that equal group or topic names of two clusters
     * make two alerts.
     */
    public static Struct tag(Struct value, MonitoredCluster cluster, String entity) {
        if (cluster.name() == null) {
            return value;
        }
        return value.put(CLUSTER, cluster.name())
                .put(SOURCE, value.getString(KIND) + ":" + cluster.entity(entity))
                .put(MESSAGE, "[" + cluster.name() + "] " + value.getString(MESSAGE));
    }
}
