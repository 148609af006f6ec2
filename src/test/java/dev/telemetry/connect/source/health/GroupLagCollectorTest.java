package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

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

    private MockAdminClient admin;
    private GroupLagCollector collector;

    @BeforeEach
    void createCollector() {
        admin = new MockAdminClient();
        collector = new GroupLagCollector(admin, 1_000, WINDOW, ERROR_AFTER_MS, 10);
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
