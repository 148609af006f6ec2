package dev.telemetry.connect.common.record;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;

/** The one way the bundle reads a header: the last header of a name wins, as Kafka's own header converters do. */
public final class RecordHeaders {

    private RecordHeaders() {}

    /** The value of the last header named {@code name}, or {@code null} when there is none or its value is null. */
    public static Object lastValue(ConnectRecord<?> record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : header.value();
    }
}
