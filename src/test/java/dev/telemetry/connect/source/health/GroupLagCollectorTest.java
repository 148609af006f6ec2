package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collector's memory across polls, fed what each poll read (a group whose {@code describeConsumerGroups} failed
 * has no snapshot; a partition whose {@code listOffsets} failed has no end offset), on a clock in seconds.
 */
class GroupLagCollectorTest {

    private static final String GROUP = "billing";
    private static final TopicPartition PARTITION = new TopicPartition("orders", 0);
    private static final int WINDOW = 3;
    private static final long ERROR_AFTER_MS = 600_000;
    private static final int TOP_PARTITIONS = 2;

    private MockAdminClient admin;
    private GroupLagCollector collector;

    @BeforeEach
    void createCollector() {
        admin = new MockAdminClient();
        collector = new GroupLagCollector(admin, 1_000, WINDOW, ERROR_AFTER_MS, 10, TOP_PARTITIONS);
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    /** Commits at 0, 10 and 20 s while the topic grows by 10 a second, then no commit while it keeps growing. */
    private void commitThreeTimesThenStop() {
        poll(0, 10, 40);
        poll(10, 20, 140);
        poll(20, 30, 240);
        assertThat(poll(45, 30, 490).status()).isEqualTo(ConsumerStatus.STOP);
    }

    @Test
    void aPollThatCouldNotDescribeTheGroupKeepsItsWindow() {
        commitThreeTimesThenStop();
        assertThat(collector.evaluate(List.of(GROUP), List.of(), Map.of(), 50_000))
                .isEmpty();
        GroupHealth after = poll(55, 30, 590);
        assertThat(after.status()).as(after.statusReason()).isEqualTo(ConsumerStatus.STOP);
    }

    @Test
    void aPollThatCouldNotReadTheEndOffsetKeepsTheWindowAndTheTimeLagSamples() {
        commitThreeTimesThenStop();
        List<GroupHealth> failed = collector.evaluate(List.of(GROUP), List.of(snapshot(30)), Map.of(), 50_000);
        assertThat(failed).hasSize(1);
        GroupHealth after = poll(55, 30, 590);
        assertThat(after.status()).as(after.statusReason()).isEqualTo(ConsumerStatus.STOP);
        assertThat(after.timeLagSeconds()).isNotNull().isGreaterThan(20.0);
    }

    @Test
    void aGroupNoLongerWatchedIsForgotten() {
        commitThreeTimesThenStop();
        assertThat(collector.evaluate(List.of(), List.of(), Map.of(), 50_000)).isEmpty();
        GroupHealth after = poll(55, 30, 590);
        assertThat(after.statusReason()).contains("1 of 3 commits");
    }

    /**
     * Five partitions with lags 0, 20, 10, 20 and 5 and one without a committed offset: the two most behind are
     * listed, among equal offset lags the one whose committed offset was produced longer ago first, and the other
     * three are counted and summed.
     */
    @Test
    void theGroupRecordListsItsPartitionsMostBehindAndCountsTheRest() {
        long[] committedOffsets = {100, 120, 100, 120, 100};
        long[] endsAt10s = {100, 140, 110, 100, 105};
        long[] endsAt20s = {100, 140, 110, 140, 105};
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, Long> ends0 = new HashMap<>();
        Map<TopicPartition, Long> ends10 = new HashMap<>();
        Map<TopicPartition, Long> ends20 = new HashMap<>();
        for (int p = 0; p < committedOffsets.length; p++) {
            TopicPartition tp = new TopicPartition("orders", p);
            committed.put(tp, committedOffsets[p]);
            ends0.put(tp, 100L);
            ends10.put(tp, endsAt10s[p]);
            ends20.put(tp, endsAt20s[p]);
        }
        Set<TopicPartition> assigned = Set.of(new TopicPartition("orders", 5));
        GroupLagCollector.GroupSnapshot snapshot =
                new GroupLagCollector.GroupSnapshot(GROUP, "STABLE", 1, assigned, committed);
        collector.evaluate(List.of(GROUP), List.of(snapshot), ends0, 0);
        collector.evaluate(List.of(GROUP), List.of(snapshot), ends10, 10_000);

        GroupHealth health = collector
                .evaluate(List.of(GROUP), List.of(snapshot), ends20, 20_000)
                .get(0);

        // Offset 120 of partition 1 was produced half way between 0 s (100) and 10 s (140); of partition 3 at 10 s.
        assertThat(health.partitionLags())
                .extracting(
                        PartitionLag::partition,
                        PartitionLag::committedOffset,
                        PartitionLag::endOffset,
                        PartitionLag::lag,
                        PartitionLag::timeLagSeconds)
                .containsExactly(tuple(1, 120L, 140L, 20L, 15.0), tuple(3, 120L, 140L, 20L, 10.0));
        assertThat(health.otherPartitions()).isEqualTo(3);
        assertThat(health.otherPartitionsLagSum()).isEqualTo(15L);
        assertThat(health.lagSum()).isEqualTo(55L);
        assertThat(health.partitionsWithoutOffset()).isEqualTo(1);
    }

    @Test
    void withNoPartitionsListedAllAreCountedAsTheRest() {
        collector = new GroupLagCollector(admin, 1_000, WINDOW, ERROR_AFTER_MS, 10, 0);
        GroupHealth health = poll(0, 10, 40);
        assertThat(health.partitionLags()).isEmpty();
        assertThat(health.otherPartitions()).isEqualTo(1);
        assertThat(health.otherPartitionsLagSum()).isEqualTo(30L);
    }

    private GroupHealth poll(long nowS, long committed, long end) {
        List<GroupHealth> health =
                collector.evaluate(List.of(GROUP), List.of(snapshot(committed)), Map.of(PARTITION, end), nowS * 1000);
        assertThat(health).hasSize(1);
        return health.get(0);
    }

    private static GroupLagCollector.GroupSnapshot snapshot(long committed) {
        return new GroupLagCollector.GroupSnapshot(GROUP, "EMPTY", 0, Set.of(), Map.of(PARTITION, committed));
    }
}
