package dev.telemetry.connect.source.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partitions, replication and messages in per second of a set of topics. The rate is the change of the summed end
 * offsets since this collector's previous poll, so it needs two polls (and counts transaction markers as messages).
 */
final class TopicHealthCollector {

    private static final Logger log = LoggerFactory.getLogger(TopicHealthCollector.class);

    /** The summed end offsets of a topic at one poll. */
    private record EndOffsets(long timeMs, long sum) {}

    private final Admin admin;
    private final long timeoutMs;
    private final Map<String, EndOffsets> previous = new HashMap<>();

    TopicHealthCollector(Admin admin, long timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    /** Health of each topic that still exists; a topic deleted since it was listed is skipped. */
    List<TopicHealth> collect(Collection<String> topics, long nowMs) {
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

        List<TopicHealth> result = new ArrayList<>(descriptions.size());
        Map<String, EndOffsets> current = new HashMap<>();
        for (TopicDescription description : descriptions.values()) {
            String topic = description.name();
            Integer min = minIsr.get(topic);
            int replicationFactor = 0;
            int underReplicated = 0;
            int offline = 0;
            int underMinIsr = 0;
            long endSum = 0;
            boolean allEnds = true;
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
            Double rate = null;
            if (allEnds) {
                EndOffsets now = new EndOffsets(nowMs, endSum);
                current.put(topic, now);
                EndOffsets before = previous.get(topic);
                if (before != null && nowMs > before.timeMs() && endSum >= before.sum()) {
                    rate = (endSum - before.sum()) * 1000.0 / (nowMs - before.timeMs());
                }
            }
            result.add(new TopicHealth(
                    topic,
                    description.partitions().size(),
                    replicationFactor,
                    underReplicated,
                    offline,
                    underMinIsr,
                    min,
                    rate,
                    endSum));
        }
        previous.clear();
        previous.putAll(current);
        return result;
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
