package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions, replication, throughput and size of a set of topics. Messages in per second is the change of the summed
 * end offsets since this collector's previous poll, so it needs two polls (and counts transaction markers as
 * messages); sizes come from {@code describeLogDirs} on every broker, bytes in per second from their change.
 */
final class TopicHealthCollector {

    private static final Logger log = LoggerFactory.getLogger(TopicHealthCollector.class);

    private final Admin admin;
    private final long timeoutMs;
    private final TopicThroughput throughput;

    TopicHealthCollector(Admin admin, long timeoutMs, long baselineMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
        this.throughput = new TopicThroughput(baselineMs);
    }

    /** Health of each topic that still exists; a topic deleted since it was listed is skipped. */
    List<TopicHealth> collect(Collection<String> topics, long nowMs) {
        throughput.retain(topics);
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(topics).topicNameValues();
        Map<String, TopicDescription> descriptions = new HashMap<>();
        AdminCalls.AdminCallException failure = null;
        for (String topic : topics) {
            try {
                descriptions.put(topic, AdminCalls.await(described.get(topic), timeoutMs, "describeTopics " + topic));
            } catch (AdminCalls.AdminCallException e) {
                // Usually a topic deleted since it was listed; the next list refresh drops it.
                log.debug("Skipping topic {} this poll: {}", topic, e.getMessage());
                failure = e;
            }
        }
        if (descriptions.isEmpty() && failure != null) {
            throw failure;
        }
        Map<String, Integer> minIsr = minInsyncReplicas(descriptions.keySet());
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        descriptions
                .values()
                .forEach(d -> d.partitions()
                        .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        ListOffsetsResult offsets = admin.listOffsets(latest);
        Map<TopicPartition, Long> sizes = partitionSizes(descriptions.keySet());

        List<TopicHealth> result = new ArrayList<>(descriptions.size());
        for (TopicDescription description : descriptions.values()) {
            String topic = description.name();
            Integer min = minIsr.get(topic);
            int replicationFactor = 0;
            int underReplicated = 0;
            int offline = 0;
            int underMinIsr = 0;
            long endSum = 0;
            boolean allEnds = true;
            List<Long> partitionSizes = new ArrayList<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                int replicas = partition.replicas().size();
                int isr = partition.isr().size();
                replicationFactor = Math.max(replicationFactor, replicas);
                if (isr < replicas) {
                    underReplicated++;
                }
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    offline++;
                }
                if (min != null && isr < min) {
                    underMinIsr++;
                }
                Long size = sizes.get(new TopicPartition(topic, partition.partition()));
                if (size != null) {
                    partitionSizes.add(size);
                }
                try {
                    endSum += AdminCalls.await(
                                    offsets.partitionResult(new TopicPartition(topic, partition.partition())),
                                    timeoutMs,
                                    "listOffsets")
                            .offset();
                } catch (AdminCalls.AdminCallException e) {
                    // An offline partition has no end offset to read.
                    allEnds = false;
                }
            }
            // A partition missing from every broker's log dirs (offline, or the call failed) leaves the size unknown.
            TopicSize size = partitionSizes.size() == description.partitions().size()
                    ? TopicSize.of(partitionSizes, partitionSizes.size())
                    : null;
            TopicThroughput.Rates rates =
                    throughput.update(topic, nowMs, allEnds ? endSum : null, size == null ? null : size.bytes());
            result.add(new TopicHealth(
                    topic,
                    description.partitions().size(),
                    replicationFactor,
                    underReplicated,
                    offline,
                    underMinIsr,
                    min,
                    endSum,
                    rates,
                    size));
        }
        return result;
    }

    /**
     * Each partition's size: the largest of its current replicas over all brokers (the leader's, unless a follower
     * lags), skipping replicas being moved between log dirs. Empty when the brokers or their log dirs cannot be read,
     * for example without DESCRIBE permission on the cluster.
     */
    private Map<TopicPartition, Long> partitionSizes(Set<String> topics) {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        try {
            List<Integer> brokers =
                    AdminCalls.await(admin.describeCluster().nodes(), timeoutMs, "describeCluster").stream()
                            .map(Node::id)
                            .toList();
            Map<Integer, Map<String, LogDirDescription>> logDirs =
                    AdminCalls.await(admin.describeLogDirs(brokers).allDescriptions(), timeoutMs, "describeLogDirs");
            for (Map<String, LogDirDescription> brokerDirs : logDirs.values()) {
                for (LogDirDescription dir : brokerDirs.values()) {
                    if (dir.error() != null) {
                        continue;
                    }
                    dir.replicaInfos().forEach((tp, replica) -> {
                        if (!replica.isFuture() && topics.contains(tp.topic())) {
                            sizes.merge(tp, replica.size(), Math::max);
                        }
                    });
                }
            }
        } catch (AdminCalls.AdminCallException e) {
            log.debug("No topic sizes this poll: {}", e.getMessage());
            sizes.clear();
        }
        return sizes;
    }

    private Map<String, Integer> minInsyncReplicas(Collection<String> topics) {
        Map<String, Integer> result = new HashMap<>();
        if (topics.isEmpty()) {
            return result;
        }
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, KafkaFuture<Config>> configs =
                admin.describeConfigs(resources).values();
        for (ConfigResource resource : resources) {
            try {
                ConfigEntry entry = AdminCalls.await(configs.get(resource), timeoutMs, "describeConfigs")
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                if (entry != null && entry.value() != null) {
                    result.put(resource.name(), Integer.parseInt(entry.value()));
                }
            } catch (AdminCalls.AdminCallException | NumberFormatException e) {
                log.debug("No min.insync.replicas for {}: {}", resource.name(), e.getMessage());
            }
        }
        return result;
    }
}
