package dev.telemetry.connect.source.generator;

/**
 * Decides which records fall inside an anomaly. Anomalies come in bursts, as real incidents do: the sequence of each
 * stream is cut into windows of {@link #BURST_LENGTH} records, and a whole window is anomalous with probability
 * {@code anomalyRate}. On average that fraction of records is anomalous.
 */
final class AnomalySchedule {

    static final int BURST_LENGTH = 20;
    private static final long SALT = 0x5EED_A11EL;

    private final long seed;
    private final double anomalyRate;

    AnomalySchedule(long seed, double anomalyRate) {
        this.seed = seed;
        this.anomalyRate = anomalyRate;
    }

    boolean isAnomalous(int streamOrdinal, long seq) {
        return anomalyRate > 0
                && RecordRandom.uniform(seed, streamOrdinal, Math.floorDiv(seq, BURST_LENGTH), SALT) < anomalyRate;
    }
}
