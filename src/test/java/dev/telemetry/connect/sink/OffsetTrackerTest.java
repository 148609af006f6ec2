package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("alerts", 0);

    private static SinkRecord record(long offset) {
        return SinkRecords.log("alerts", 0, offset, "critical", "svc", "boom", 0);
    }

    @Test
    void commitsUpToTheFirstUnsettledRecord() {
        OffsetTracker tracker = new OffsetTracker();
        List.of(record(0), record(1), record(2)).forEach(tracker::received);
        tracker.settled(record(0));
        tracker.settled(record(2));
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(3))))
                .containsEntry(P0, new OffsetAndMetadata(1));
        tracker.settled(record(1));
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(3))))
                .containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void recordsSettledTogetherHoldTheCommitAtTheirFirstUntilAllAreSettled() {
        OffsetTracker tracker = new OffsetTracker();
        List.of(record(0), record(1), record(2), record(3)).forEach(tracker::received);
        tracker.settleTogether(List.of(record(0), record(2)));
        tracker.settled(record(1));
        tracker.settled(record(0));
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(4))))
                .containsEntry(P0, new OffsetAndMetadata(0));
        tracker.settled(record(2));
        assertThat(tracker.committable(Map.of(P0, new OffsetAndMetadata(4))))
                .containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void aRecordHandedOverAgainIsSkippedUntilItsPartitionIsForgotten() {
        OffsetTracker tracker = new OffsetTracker();
        assertThat(tracker.received(record(0))).isTrue();
        assertThat(tracker.received(record(0))).isFalse();
        tracker.forget(tracker.partitions());
        assertThat(tracker.received(record(0))).isTrue();
    }
}
