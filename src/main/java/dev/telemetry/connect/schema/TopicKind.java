package dev.telemetry.connect.schema;

/** Which of the source connector's three topics a stream is written to. */
public enum TopicKind {
    METRICS,
    LOGS,
    EVENTS
}
