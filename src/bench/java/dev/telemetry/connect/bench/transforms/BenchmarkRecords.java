package dev.telemetry.connect.bench.transforms;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.generator.LogLevel;
import dev.telemetry.connect.source.generator.UserEventType;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A fixed, seeded mix of records in the source connector's schemas, the six streams in turn, with a few anomalies
 * (error logs, slow responses, slow queries) so rules match at realistic rates.
 */
final class BenchmarkRecords {

    private BenchmarkRecords() {}

    static List<SourceRecord> create(int count, long seed) {
        Random random = new Random(seed);
        List<SourceRecord> records = new ArrayList<>(count);
        TelemetryStream[] streams = TelemetryStream.values();
        long eventTime = 1_764_000_000_000L;
        for (int i = 0; i < count; i++) {
            TelemetryStream stream = streams[i % streams.length];
            eventTime += 10;
            Struct value = new Struct(stream.valueSchema())
                    .put(TelemetrySchemas.STREAM, stream.wireName())
                    .put(TelemetrySchemas.SEQ, (long) i)
                    .put(TelemetrySchemas.TIMESTAMP, new Date(eventTime));
            fill(stream, value, random);
            records.add(new SourceRecord(
                    Map.of("stream", stream.wireName()),
                    Map.of("seq", (long) i),
                    "raw_data",
                    null,
                    TelemetrySchemas.KEY_SCHEMA,
                    stream.wireName(),
                    stream.valueSchema(),
                    value,
                    eventTime));
        }
        return records;
    }

    private static void fill(TelemetryStream stream, Struct value, Random random) {
        boolean anomaly = random.nextDouble() < 0.05;
        switch (stream) {
            case WEB:
                value.put(TelemetrySchemas.PAGE_VIEWS, 1000L + random.nextInt(9000))
                        .put(TelemetrySchemas.UNIQUE_VISITORS, 100L + random.nextInt(900));
                break;
            case MOBILE:
                value.put(TelemetrySchemas.APP_OPENS, 100L + random.nextInt(900))
                        .put(TelemetrySchemas.ACTIVE_USERS, 50L + random.nextInt(500));
                break;
            case API:
                value.put(TelemetrySchemas.API_CALLS, 500L + random.nextInt(5000))
                        .put(
                                TelemetrySchemas.RESPONSE_TIME,
                                anomaly ? 2000 + random.nextDouble() * 3000 : 50 + random.nextDouble() * 250);
                break;
            case DATABASE: {
                long queries = 1000L + random.nextInt(9000);
                value.put(TelemetrySchemas.QUERIES, queries)
                        .put(TelemetrySchemas.SLOW_QUERIES, anomaly ? queries / 20 : (long) random.nextInt(5));
                break;
            }
            case LOGS: {
                LogLevel level =
                        anomaly ? LogLevel.ERROR : random.nextDouble() < 0.1 ? LogLevel.WARNING : LogLevel.INFO;
                value.put(TelemetrySchemas.LEVEL, level.name())
                        .put(
                                TelemetrySchemas.MESSAGE,
                                level == LogLevel.ERROR ? "Database connection timeout" : "Request served")
                        .put(TelemetrySchemas.SERVICE, "checkout")
                        .put(TelemetrySchemas.ENDPOINT, "/api/orders")
                        .put(TelemetrySchemas.USER_ID, "user_" + random.nextInt(1000));
                break;
            }
            case EVENTS: {
                UserEventType type = UserEventType.values()[random.nextInt(UserEventType.values().length)];
                value.put(TelemetrySchemas.EVENT_TYPE, type.wireName())
                        .put(TelemetrySchemas.USER_ID, "user_" + random.nextInt(1000))
                        .put(TelemetrySchemas.PRODUCT_ID, "prod_" + random.nextInt(100))
                        .put(
                                TelemetrySchemas.AMOUNT,
                                type == UserEventType.PURCHASE ? 10 + random.nextDouble() * 990 : null)
                        .put(TelemetrySchemas.PAGE, "/products");
                break;
            }
            default:
                throw new IllegalStateException("Unhandled stream " + stream);
        }
    }
}
