package dev.telemetry.connect.source.generator;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
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

/**
 * Emits the streams its connector assigned to it, round-robin, paced to its share of {@code rate.per.second}.
 * Resumes each stream right after the sequence number in its committed offset (shape: {@link StreamOffsets}), when
 * that offset was written with the configured {@code generator.seed}. An offset of another seed would continue that
 * seed's sequence with this seed's records, so the stream starts over at 0 instead, with a warning in the log; an
 * offset without a seed (written by a release before seeds were recorded) is taken to be the configured seed's.
 */
public class TelemetrySourceTask extends SourceTask {

    /** Longest a poll waits before returning, so that the worker can stop or commit promptly. */
    private static final long MAX_POLL_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final long IDLE_POLL_WAIT_MS = 500;

    /** The shortest span over which the achieved rate is compared with the target. */
    private static final long DEFICIT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger log = LoggerFactory.getLogger(TelemetrySourceTask.class);

    private final LongSupplier wallClockMillis;
    private final LongSupplier nanoClock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private TelemetryGenerator generator;
    private long seed;
    private EmissionPacer pacer;
    private List<StreamCursor> cursors;
    private int maxBatchSize;
    private long maxRecords;
    private int nextCursor;
    private double taskRate;
    private Level pacingDeficit;
    private long deficitWindowStartNanos;
    private long emittedInDeficitWindow;

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
        seed = config.generatorSeed();
        generator = new TelemetryGenerator(seed, config.anomalyRate());
        maxBatchSize = config.maxBatchSize();
        maxRecords = config.maxRecords();
        // The connector's rate is shared evenly over all its streams; this task paces its own share.
        taskRate = config.ratePerSecond() * streams.size() / config.streams().size();
        pacer = new EmissionPacer(taskRate, nanoClock);
        PluginMetricSet metrics = PluginMetricSet.of(context);
        metrics.level(GeneratorMetrics.PACING_TARGET_RATE).set(taskRate);
        pacingDeficit = metrics.level(GeneratorMetrics.PACING_DEFICIT_RATE);
        deficitWindowStartNanos = nanoClock.getAsLong();
        cursors = resumeCursors(streams, config, metrics);
        nextCursor = 0;
        log.info("Emitting streams {} from {}", streams, cursors);
    }

    private List<StreamCursor> resumeCursors(
            List<TelemetryStream> streams, TelemetrySourceConfig config, PluginMetricSet metrics) {
        List<Map<String, String>> partitions =
                streams.stream().map(StreamOffsets::partition).toList();
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, String>, Map<String, Object>> offsets = reader.offsets(partitions);
        List<StreamCursor> result = new ArrayList<>(streams.size());
        for (TelemetryStream stream : streams) {
            Map<String, Object> offset = offsets == null ? null : offsets.get(StreamOffsets.partition(stream));
            result.add(new StreamCursor(
                    stream,
                    config.topicFor(stream),
                    nextSeqAfter(stream, offset),
                    metrics.meter(GeneratorMetrics.RECORDS_EMITTED, stream.wireName())));
        }
        return result;
    }

    /** Where a stream resumes; a ConnectException at start, naming the problem, for an offset it cannot use. */
    private long nextSeqAfter(TelemetryStream stream, Map<String, Object> offset) {
        if (offset == null) {
            return 0;
        }
        // Long.MAX_VALUE - 1 at most, so the next sequence number cannot overflow.
        StreamOffsets.Position position = StreamOffsets.positionOf(stream, offset, Long.MAX_VALUE - 1);
        if (position.seed() == null) {
            log.info(
                    "Offset {} of stream '{}' records no seed (written before seeds were recorded); resuming it as "
                            + "generator.seed={}",
                    offset,
                    stream,
                    seed);
        } else if (position.seed() != seed) {
            log.warn(
                    "Offset {} of stream '{}' was written with generator.seed={}, but this connector now has "
                            + "generator.seed={}; starting the stream over at sequence number 0 rather than continuing "
                            + "another seed's sequence",
                    offset,
                    stream,
                    position.seed(),
                    seed);
            return 0;
        }
        return position.nextSeq();
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        int remaining = remainingRecords();
        if (remaining == 0) {
            pacingDeficit.set(0);
            stopped.await(IDLE_POLL_WAIT_MS, TimeUnit.MILLISECONDS);
            return null;
        }
        int granted = pacer.acquire(Math.min(maxBatchSize, remaining));
        measureDeficit(granted);
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
                cursor.emittedThisPoll++;
            }
        }
        for (StreamCursor cursor : cursors) {
            if (cursor.emittedThisPoll > 0) {
                cursor.emitted.record(cursor.emittedThisPoll);
                cursor.emittedThisPoll = 0;
            }
        }
        return records;
    }

    /** Compares the records emitted over at least a second with what the target rate wanted in that time. */
    private void measureDeficit(int emitting) {
        emittedInDeficitWindow += emitting;
        long now = nanoClock.getAsLong();
        long elapsed = now - deficitWindowStartNanos;
        if (elapsed < DEFICIT_WINDOW_NANOS) {
            return;
        }
        double achieved = emittedInDeficitWindow * 1e9 / elapsed;
        pacingDeficit.set(taskRate == 0 ? 0 : Math.max(0, taskRate - achieved));
        deficitWindowStartNanos = now;
        emittedInDeficitWindow = 0;
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
        return new SourceRecord(
                cursor.partition,
                StreamOffsets.offset(cursor.nextSeq, seed),
                cursor.topic,
                null,
                TelemetrySchemas.KEY_SCHEMA,
                generated.key(),
                value.schema(),
                value,
                generated.timestampMs());
    }

    @Override
    public void stop() {
        stopped.countDown();
    }

    /** Where one stream stands: the sequence number it emits next. */
    private static final class StreamCursor {
        final TelemetryStream stream;
        final String topic;
        final Map<String, String> partition;
        final Distribution emitted;
        long nextSeq;
        int emittedThisPoll;

        StreamCursor(TelemetryStream stream, String topic, long nextSeq, Distribution emitted) {
            this.stream = stream;
            this.topic = topic;
            this.partition = StreamOffsets.partition(stream);
            this.nextSeq = nextSeq;
            this.emitted = emitted;
        }

        @Override
        public String toString() {
            return stream + "@" + nextSeq;
        }
    }
}
