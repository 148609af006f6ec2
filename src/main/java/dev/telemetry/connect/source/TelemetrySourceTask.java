package dev.telemetry.connect.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.GeneratedRecord;
import dev.telemetry.connect.source.generator.TelemetryGenerator;

/**
 * Emits the streams its connector assigned to it, round-robin, paced to its share of {@code rate.per.second}.
 * Resumes each stream right after the sequence number in its committed offset.
 */
public class TelemetrySourceTask extends SourceTask {

    static final String PARTITION_STREAM_KEY = "stream";
    static final String OFFSET_SEQ_KEY = "seq";

    /** Longest a poll waits before returning, so that the worker can stop or commit promptly. */
    private static final long MAX_POLL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long IDLE_POLL_WAIT_MS = 500;

    private static final Logger log = LoggerFactory.getLogger(TelemetrySourceTask.class);

    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TelemetryGenerator generator;
    private EmissionPacer pacer;
    private List<StreamCursor> cursors;
    private int maxBatchSize;
    private long maxRecords;
    private int nextCursor;

    public TelemetrySourceTask() {
        this(System::currentTimeMillis, System::nanoTime);
    }

    TelemetrySourceTask(LongSupplier wallClockMillis, LongSupplier nanoClock) {
        this.wallClockMillis = wallClockMillis;
        this.nanoClock = nanoClock;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        TelemetrySourceConfig config = new TelemetrySourceConfig(props);
        String assigned = props.get(TelemetrySourceConfig.TASK_STREAMS_CONFIG);
        if (assigned == null || assigned.isBlank()) {
            throw new ConnectException("Task started without '" + TelemetrySourceConfig.TASK_STREAMS_CONFIG
                    + "'; tasks are configured by TelemetrySourceConnector");
        }
        List<TelemetryStream> streams = TelemetrySourceConfig.parseStreams(List.of(assigned.split(",")));
        generator = new TelemetryGenerator(config.generatorSeed(), config.anomalyRate());
        maxBatchSize = config.maxBatchSize();
        maxRecords = config.maxRecords();
        // The connector's rate is shared evenly over all its streams; this task paces its own share.
        double taskRate = config.ratePerSecond() * streams.size() / config.streams().size();
        pacer = new EmissionPacer(taskRate, nanoClock);
        cursors = resumeCursors(streams, config);
        nextCursor = 0;
        log.info("Emitting streams {} from {}", streams, cursors);
    }

    private List<StreamCursor> resumeCursors(List<TelemetryStream> streams, TelemetrySourceConfig config) {
        List<Map<String, String>> partitions = streams.stream().map(TelemetrySourceTask::sourcePartition).toList();
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, String>, Map<String, Object>> offsets = reader.offsets(partitions);
        List<StreamCursor> result = new ArrayList<>(streams.size());
        for (TelemetryStream stream : streams) {
            Map<String, Object> offset = offsets == null ? null : offsets.get(sourcePartition(stream));
            result.add(new StreamCursor(stream, config.topicFor(stream), nextSeqAfter(stream, offset)));
        }
        return result;
    }

    private static long nextSeqAfter(TelemetryStream stream, Map<String, Object> offset) {
        if (offset == null) {
            return 0;
        }
        Object seq = offset.get(OFFSET_SEQ_KEY);
        if (!(seq instanceof Number number)) {
            throw new ConnectException("Committed offset for stream '" + stream + "' has no numeric '"
                    + OFFSET_SEQ_KEY + "': " + offset);
        }
        return number.longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        int remaining = remainingRecords();
        if (remaining == 0) {
            stopped.await(IDLE_POLL_WAIT_MS, TimeUnit.MILLISECONDS);
            return null;
        }
        int granted = pacer.acquire(Math.min(maxBatchSize, remaining));
        if (granted == 0) {
            long waitNanos = Math.min(Math.max(pacer.nanosUntilNextPermit(), 1), MAX_POLL_WAIT_NANOS);
            stopped.await(waitNanos, TimeUnit.NANOSECONDS);
            return null;
        }
        long eventTime = wallClockMillis.getAsLong();
        List<SourceRecord> records = new ArrayList<>(granted);
        while (records.size() < granted) {
            StreamCursor cursor = cursors.get(nextCursor);
            nextCursor = (nextCursor + 1) % cursors.size();
            if (cursor.nextSeq < maxRecords) {
                records.add(toSourceRecord(cursor, generator.generate(cursor.stream, cursor.nextSeq, eventTime)));
                cursor.nextSeq++;
            }
        }
        return records;
    }

    private int remainingRecords() {
        long remaining = 0;
        for (StreamCursor cursor : cursors) {
            remaining += Math.max(0, maxRecords - cursor.nextSeq);
            if (remaining >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return (int) remaining;
    }

    private SourceRecord toSourceRecord(StreamCursor cursor, GeneratedRecord generated) {
        Struct value = generated.value();
        return new SourceRecord(cursor.partition, Map.of(OFFSET_SEQ_KEY, cursor.nextSeq), cursor.topic, null,
                TelemetrySchemas.KEY_SCHEMA, generated.key(), value.schema(), value, generated.timestampMs());
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    static Map<String, String> sourcePartition(TelemetryStream stream) {
        return Map.of(PARTITION_STREAM_KEY, stream.wireName());
    }

    /** Where one stream stands: the sequence number it emits next. */
    private static final class StreamCursor {
        final TelemetryStream stream;
        final String topic;
        final Map<String, String> partition;
        long nextSeq;

        StreamCursor(TelemetryStream stream, String topic, long nextSeq) {
            this.stream = stream;
            this.topic = topic;
            this.partition = sourcePartition(stream);
            this.nextSeq = nextSeq;
        }

        @Override
        public String toString() {
            return stream + "@" + nextSeq;
        }
    }
}
