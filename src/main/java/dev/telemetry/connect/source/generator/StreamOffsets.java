package dev.telemetry.connect.source.generator;

import dev.telemetry.connect.schema.TelemetryStream;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The shape of the source connector's offsets. The source partition is one stream, {@code {"stream": "logs"}}; the
 * offset is the sequence number of the last record emitted and the generator seed that produced it,
 * {@code {"seq": 41, "seed": 42}}. A record is a function of (seed, stream, seq), so the seed is part of the position:
 * a task configured with another seed does not continue that sequence (see {@link TelemetrySourceTask}).
 *
 * <p>The seed is in the offset rather than the partition so that the partition, the key Connect stores offsets
 * under, is the one earlier releases wrote: their offsets ({@code {"seq": 41}}, no seed) are found and resumed, and
 * the first commit after an upgrade replaces them with the seeded shape.
 */
public final class StreamOffsets {

    static final String PARTITION_STREAM_KEY = "stream";
    static final String OFFSET_SEQ_KEY = "seq";
    static final String OFFSET_SEED_KEY = "seed";

    private static final Set<String> OFFSET_KEYS = Set.of(OFFSET_SEQ_KEY, OFFSET_SEED_KEY);

    /** A validated offset: the last sequence number emitted and the seed it was emitted with, null if unrecorded. */
    record Position(long seq, Long seed) {
        long nextSeq() {
            return seq + 1;
        }
    }

    private StreamOffsets() {}

    static Map<String, String> partition(TelemetryStream stream) {
        return Map.of(PARTITION_STREAM_KEY, stream.wireName());
    }

    static Map<String, Object> offset(long seq, long seed) {
        return Map.of(OFFSET_SEQ_KEY, seq, OFFSET_SEED_KEY, seed);
    }

    /**
     * Checks offsets written through the REST offsets API against {@code connectorConfig}: a partition names a stream;
     * an offset has a whole {@code seq} from 0 to max.records - 1 and, if it has a {@code seed}, the connector's
     * generator.seed. A null offset resets its stream. A ConnectException names the problem otherwise.
     */
    public static void validate(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        TelemetrySourceConfig current;
        try {
            current = new TelemetrySourceConfig(connectorConfig);
        } catch (ConfigException e) {
            throw new ConnectException(
                    "Cannot check offsets against an invalid connector configuration: " + e.getMessage(), e);
        }
        long seed = current.generatorSeed();
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            TelemetryStream stream = StreamOffsets.streamOf(entry.getKey());
            StreamOffsets.Position position =
                    StreamOffsets.positionOf(stream, entry.getValue(), current.maxRecords() - 1);
            if (position.seed() != null && position.seed() != seed) {
                throw new ConnectException("Offset " + entry.getValue() + " of stream '" + stream + "': '"
                        + StreamOffsets.OFFSET_SEED_KEY + "' is " + position.seed() + " but the connector's "
                        + "generator.seed is " + seed + "; the task would ignore it and start the stream over at 0. "
                        + "Give this seed, or leave '" + StreamOffsets.OFFSET_SEED_KEY + "' out");
            }
        }
    }

    /** The stream a source partition names; a ConnectException saying what is wrong otherwise. */
    static TelemetryStream streamOf(Map<String, ?> partition) {
        if (partition == null || partition.size() != 1 || !partition.containsKey(PARTITION_STREAM_KEY)) {
            throw new ConnectException("Source partition " + partition + " is not one of this connector's: a "
                    + "partition is {\"" + PARTITION_STREAM_KEY + "\": <stream>}, <stream> one of "
                    + TelemetryStream.NAMES);
        }
        Object name = partition.get(PARTITION_STREAM_KEY);
        if (name instanceof String text && TelemetryStream.NAMES.contains(text)) {
            return TelemetryStream.parse(text);
        }
        throw new ConnectException("Source partition " + partition + " names no stream: '" + PARTITION_STREAM_KEY
                + "' must be one of " + TelemetryStream.NAMES);
    }

    /**
     * Reads and validates an offset of {@code stream}: {@code seq} a whole number from 0 to {@code maxSeq},
     * {@code seed} absent or a whole number, no other keys. A ConnectException names the problem otherwise.
     */
    static Position positionOf(TelemetryStream stream, Map<String, ?> offset, long maxSeq) {
        String where = "Offset " + offset + " of stream '" + stream + "': ";
        for (String key : offset.keySet()) {
            if (!OFFSET_KEYS.contains(key)) {
                throw new ConnectException(where + "unknown key '" + key + "'; an offset has '" + OFFSET_SEQ_KEY
                        + "' (the sequence number of the last record emitted) and optionally '" + OFFSET_SEED_KEY
                        + "' (the generator.seed it was emitted with)");
            }
        }
        Object seq = offset.get(OFFSET_SEQ_KEY);
        if (!isWholeNumber(seq)) {
            throw new ConnectException(where + "'" + OFFSET_SEQ_KEY + "' must be a whole number, the sequence "
                    + "number of the last record emitted, but is " + describe(seq) + "; to replay the stream from 0, "
                    + "reset its offset (null offset, or DELETE /connectors/<name>/offsets)");
        }
        long last = ((Number) seq).longValue();
        if (last < 0 || last > maxSeq) {
            throw new ConnectException(where + "'" + OFFSET_SEQ_KEY + "' must be between 0 and " + maxSeq
                    + (maxSeq == Long.MAX_VALUE - 1 ? "" : " (max.records - 1, the stream's last record)")
                    + ", but is " + last + "; to replay the stream from 0, reset its offset (null offset, or DELETE "
                    + "/connectors/<name>/offsets)");
        }
        Object seed = offset.get(OFFSET_SEED_KEY);
        if (seed != null && !isWholeNumber(seed)) {
            throw new ConnectException(where + "'" + OFFSET_SEED_KEY + "' must be a whole number, the generator.seed "
                    + "the stream was emitted with, but is " + describe(seed));
        }
        return new Position(last, seed == null ? null : ((Number) seed).longValue());
    }

    /** Integral types only: Connect hands offsets over as Long after its JSON round trip, older readers as Integer. */
    private static boolean isWholeNumber(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "missing";
        }
        return value instanceof String
                ? "the string \"" + value + "\""
                : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
