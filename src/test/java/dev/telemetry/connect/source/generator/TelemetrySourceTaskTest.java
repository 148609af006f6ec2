package dev.telemetry.connect.source.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class TelemetrySourceTaskTest {

    private static final long NOW = 1_764_000_000_000L;

    private final AtomicLong nanos = new AtomicLong();
    private final Map<Map<String, String>, Map<String, Object>> committed = new HashMap<>();

    @Test
    void emitsEachStreamFromZeroWithContiguousSequenceNumbers() throws InterruptedException {
        TelemetrySourceTask task =
                start(Map.of("task.streams", "web,logs,events", "rate.per.second", "0", "max.batch.size", "100"));

        List<SourceRecord> records = task.poll();

        assertThat(records).hasSize(100);
        Map<String, Long> expected = new HashMap<>();
        for (SourceRecord record : records) {
            Struct value = (Struct) record.value();
            String stream = value.getString(TelemetrySchemas.STREAM);
            long seq = value.getInt64(TelemetrySchemas.SEQ);
            assertThat(seq).isEqualTo(expected.getOrDefault(stream, 0L));
            expected.put(stream, seq + 1);
            assertThat(record.sourcePartition()).isEqualTo(Map.of("stream", stream));
            assertThat(record.sourceOffset()).isEqualTo(Map.of("seq", seq, "seed", 42L));
            assertThat(record.timestamp()).isEqualTo(NOW);
        }
        assertThat(expected.keySet()).containsExactlyInAnyOrder("web", "logs", "events");
    }

    @Test
    void writesEachStreamToItsTopicWithTheGeneratorsRecord() throws InterruptedException {
        TelemetrySourceTask task = start(Map.of(
                "task.streams",
                "api,logs,events",
                "rate.per.second",
                "0",
                "topic.metrics",
                "m",
                "topic.logs",
                "l",
                "topic.events",
                "e",
                "generator.seed",
                "9"));
        TelemetryGenerator generator = new TelemetryGenerator(9, 0.02);

        for (SourceRecord record : task.poll()) {
            Struct value = (Struct) record.value();
            TelemetryStream stream = TelemetryStream.parse(value.getString(TelemetrySchemas.STREAM));
            assertThat(record.topic())
                    .isEqualTo(
                            switch (stream) {
                                case LOGS -> "l";
                                case EVENTS -> "e";
                                default -> "m";
                            });
            var expected = generator.generate(stream, value.getInt64(TelemetrySchemas.SEQ), NOW);
            assertThat(record.key()).isEqualTo(expected.key());
            assertThat(value).isEqualTo(expected.value());
            assertThat(record.keySchema()).isEqualTo(TelemetrySchemas.KEY_SCHEMA);
            assertThat(record.valueSchema()).isSameAs(stream.valueSchema());
        }
    }

    @Test
    void resumesRightAfterTheCommittedOffsets() throws InterruptedException {
        committed.put(Map.of("stream", "api"), Map.of("seq", 41L));
        committed.put(Map.of("stream", "database"), Map.of("seq", 0));
        TelemetrySourceTask task =
                start(Map.of("task.streams", "api,database,mobile", "rate.per.second", "0", "max.batch.size", "6"));

        Map<String, List<Long>> seqs = bySequence(task.poll());

        assertThat(seqs)
                .containsEntry("api", List.of(42L, 43L))
                .containsEntry("database", List.of(1L, 2L))
                .containsEntry("mobile", List.of(0L, 1L));
    }

    @Test
    void resumesAnOffsetOfItsOwnSeedAndStartsOverOnAnotherSeeds() throws InterruptedException {
        committed.put(Map.of("stream", "api"), Map.of("seq", 41L, "seed", 9L));
        committed.put(Map.of("stream", "database"), Map.of("seq", 41L, "seed", 42L));
        TelemetrySourceTask task = start(Map.of(
                "task.streams", "api,database", "rate.per.second", "0", "max.batch.size", "4", "generator.seed", "9"));

        Map<String, List<Long>> seqs = bySequence(task.poll());

        assertThat(seqs).containsEntry("api", List.of(42L, 43L)).containsEntry("database", List.of(0L, 1L));
    }

    @Test
    void refusesAtStartAnOffsetItCannotResume() {
        committed.put(Map.of("stream", "api"), Map.of("seq", "x"));
        assertThatThrownBy(() -> start(Map.of("task.streams", "api")))
                .hasMessageContaining("'seq' must be a whole number")
                .hasMessageContaining("the string \"x\"");
        committed.put(Map.of("stream", "api"), Map.of("seq", -5L));
        assertThatThrownBy(() -> start(Map.of("task.streams", "api")))
                .hasMessageContaining("stream 'api'")
                .hasMessageContaining("must be between 0 and")
                .hasMessageContaining("but is -5");
        committed.put(Map.of("stream", "api"), Map.of("seq", Long.MAX_VALUE));
        assertThatThrownBy(() -> start(Map.of("task.streams", "api"))).hasMessageContaining("but is " + Long.MAX_VALUE);
    }

    @Test
    void refusesAnOffsetWithoutASequenceNumber() {
        committed.put(Map.of("stream", "api"), Map.of("position", "x"));
        assertThatThrownBy(() -> start(Map.of("task.streams", "api")))
                .hasMessageContaining("api")
                .hasMessageContaining("seq");
    }

    @Test
    void stopsEachStreamAtMaxRecordsAndThenIdles() throws InterruptedException {
        TelemetrySourceTask task = start(Map.of(
                "task.streams", "web,mobile", "rate.per.second", "0", "max.records", "5", "max.batch.size", "3"));
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.addAll(task.poll());
        }
        assertThat(bySequence(all))
                .containsEntry("web", List.of(0L, 1L, 2L, 3L, 4L))
                .containsEntry("mobile", List.of(0L, 1L, 2L, 3L, 4L));
        task.stop();
        assertThat(task.poll()).isNull();
    }

    @Test
    void pacesToItsShareOfTheConnectorRate() throws InterruptedException {
        // Two of six streams: this task's share of 60/s is 20/s.
        TelemetrySourceTask task = start(Map.of("task.streams", "web,api", "rate.per.second", "60"));
        task.poll();
        nanos.addAndGet(500_000_000L);
        assertThat(task.poll()).hasSize(10);
        task.stop();
        assertThat(task.poll()).isNull();
    }

    @Test
    void refusesToStartWithoutAnAssignment() {
        assertThatThrownBy(() -> start(Map.of())).hasMessageContaining("task.streams");
    }

    private TelemetrySourceTask start(Map<String, String> props) {
        TelemetrySourceTask task = new TelemetrySourceTask(() -> NOW, nanos::get);
        task.initialize(new CommittedOffsetsContext(committed));
        task.start(props);
        return task;
    }

    private static Map<String, List<Long>> bySequence(List<SourceRecord> records) {
        Map<String, List<Long>> seqs = new HashMap<>();
        for (SourceRecord record : records) {
            Struct value = (Struct) record.value();
            seqs.computeIfAbsent(value.getString(TelemetrySchemas.STREAM), s -> new ArrayList<>())
                    .add(value.getInt64(TelemetrySchemas.SEQ));
        }
        return seqs;
    }
}
