package dev.telemetry.connect.sink.incident;

/** What the incident engine of one task has done so far: logged with the sink's progress, read by tests. */
public final class IncidentCounts {

    long fired;
    long repeated;
    long escalated;
    long resolved;
    /** Records of a new key that found the task at {@code incident.max.open} and went to the overflow incident. */
    long overflowed;
    /**
     * Records whose event time was behind what the task's clock had already decided in their partition: they came
     * later than {@code incident.allowed.lateness.ms}, and a replay may fold them where live processing did not.
     */
    long late;

    public long fired() {
        return fired;
    }

    public long repeated() {
        return repeated;
    }

    public long escalated() {
        return escalated;
    }

    public long resolved() {
        return resolved;
    }

    public long overflowed() {
        return overflowed;
    }

    public long lateRecords() {
        return late;
    }

    @Override
    public String toString() {
        return "incidentsFired=" + fired + ", incidentsRepeated=" + repeated + ", incidentsEscalated=" + escalated
                + ", incidentsResolved=" + resolved + ", overflowedRecords=" + overflowed + ", lateRecords=" + late;
    }
}
