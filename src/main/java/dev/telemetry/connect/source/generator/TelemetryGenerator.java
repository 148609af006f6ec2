package dev.telemetry.connect.source.generator;

import static dev.telemetry.connect.schema.TelemetrySchemas.ACTIVE_USERS;
import static dev.telemetry.connect.schema.TelemetrySchemas.AMOUNT;
import static dev.telemetry.connect.schema.TelemetrySchemas.API_CALLS;
import static dev.telemetry.connect.schema.TelemetrySchemas.APP_OPENS;
import static dev.telemetry.connect.schema.TelemetrySchemas.ENDPOINT;
import static dev.telemetry.connect.schema.TelemetrySchemas.EVENT_TYPE;
import static dev.telemetry.connect.schema.TelemetrySchemas.LEVEL;
import static dev.telemetry.connect.schema.TelemetrySchemas.MESSAGE;
import static dev.telemetry.connect.schema.TelemetrySchemas.PAGE;
import static dev.telemetry.connect.schema.TelemetrySchemas.PAGE_VIEWS;
import static dev.telemetry.connect.schema.TelemetrySchemas.PRODUCT_ID;
import static dev.telemetry.connect.schema.TelemetrySchemas.QUERIES;
import static dev.telemetry.connect.schema.TelemetrySchemas.RESPONSE_TIME;
import static dev.telemetry.connect.schema.TelemetrySchemas.SEQ;
import static dev.telemetry.connect.schema.TelemetrySchemas.SERVICE;
import static dev.telemetry.connect.schema.TelemetrySchemas.SLOW_QUERIES;
import static dev.telemetry.connect.schema.TelemetrySchemas.STREAM;
import static dev.telemetry.connect.schema.TelemetrySchemas.TIMESTAMP;
import static dev.telemetry.connect.schema.TelemetrySchemas.UNIQUE_VISITORS;
import static dev.telemetry.connect.schema.TelemetrySchemas.USER_ID;

import dev.telemetry.connect.schema.TelemetryStream;
import java.util.Date;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Struct;

/**
 * Simulates the telemetry of a small online shop. Everything but the event time is a pure function of
 * (seed, stream, sequence number): any record can be regenerated on its own, which makes the source resumable from a
 * sequence-number offset and lets tests compute exactly what a run must produce.
 *
 * <p>Metric streams follow a daily traffic shape ({@link TrafficShape}); user events follow shopping sessions of
 * {@link #SESSION_LENGTH} steps; API latency spikes, slow-query surges and error bursts come from
 * {@link AnomalySchedule}.
 */
public final class TelemetryGenerator {

    /** Steps in one simulated shopping session of the {@code events} stream. */
    public static final int SESSION_LENGTH = 8;
    /** Above this API response time (ms) a record is a latency spike; normal traffic stays below it. */
    public static final double NORMAL_RESPONSE_TIME_CEILING_MS = 1500.0;
    /** Above this slow-query ratio a record is a surge; normal traffic stays below it. */
    public static final double NORMAL_SLOW_QUERY_RATIO_CEILING = 0.005;

    private static final UserEventType[] NEW_USER_SESSION = {
        UserEventType.USER_REGISTRATION, UserEventType.USER_LOGIN, UserEventType.PRODUCT_VIEW,
        UserEventType.PRODUCT_VIEW, UserEventType.PRODUCT_VIEW, UserEventType.ADD_TO_CART,
        UserEventType.PRODUCT_VIEW, UserEventType.PURCHASE
    };
    private static final UserEventType[] RETURNING_USER_SESSION = {
        UserEventType.USER_LOGIN, UserEventType.PRODUCT_VIEW, UserEventType.PRODUCT_VIEW,
        UserEventType.ADD_TO_CART, UserEventType.PRODUCT_VIEW, UserEventType.PRODUCT_VIEW,
        UserEventType.ADD_TO_CART, UserEventType.PURCHASE
    };

    private static final String[] SERVICES = {
        "api-gateway", "auth-service", "catalog-service", "cart-service", "payment-service"
    };
    private static final String[] ENDPOINTS = {
        "/api/v1/login",
        "/api/v1/products",
        "/api/v1/products/{id}",
        "/api/v1/cart",
        "/api/v1/checkout",
        "/api/v1/users/{id}"
    };
    private static final String[] INFO_MESSAGES = {
        "Request completed", "User authenticated", "Cache refreshed", "Product catalog served", "Cart updated"
    };
    private static final String[] WARNING_MESSAGES = {
        "Slow downstream response",
        "Retrying request to inventory",
        "Connection pool above 80%",
        "Deprecated API version used"
    };
    private static final String[] ERROR_MESSAGES = {
        "Database connection refused",
        "Payment provider timeout",
        "NullPointerException in handler",
        "Upstream returned 503",
        "Out of memory while rendering page"
    };

    private static final int RETURNING_USERS = 2_000;
    private static final int PRODUCTS = 500;

    private final long seed;
    private final AnomalySchedule anomalies;

    public TelemetryGenerator(long seed, double anomalyRate) {
        if (anomalyRate < 0 || anomalyRate > 1) {
            throw new IllegalArgumentException("anomalyRate must be in [0, 1], was " + anomalyRate);
        }
        this.seed = seed;
        this.anomalies = new AnomalySchedule(seed, anomalyRate);
    }

    /** The record of {@code stream} with sequence number {@code seq}, stamped with {@code eventTimeMs}. */
    public GeneratedRecord generate(TelemetryStream stream, long seq, long eventTimeMs) {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        Struct value = new Struct(stream.valueSchema())
                .put(STREAM, stream.wireName())
                .put(SEQ, seq)
                .put(TIMESTAMP, new Date(eventTimeMs));
        SplittableRandom random = RecordRandom.of(seed, stream.ordinal(), seq, 0);
        boolean anomalous = anomalies.isAnomalous(stream.ordinal(), seq);
        String key = switch (stream) {
            case WEB -> web(value, random, seq, anomalous);
            case MOBILE -> mobile(value, random, seq);
            case API -> api(value, random, seq, anomalous);
            case DATABASE -> database(value, random, seq, anomalous);
            case LOGS -> log(value, random, anomalous);
            case EVENTS -> userEvent(value, seq);
        };
        return new GeneratedRecord(key, value, eventTimeMs);
    }

    /** Whether the record of {@code stream} with {@code seq} falls inside an anomaly burst. */
    public boolean isAnomalous(TelemetryStream stream, long seq) {
        return anomalies.isAnomalous(stream.ordinal(), seq);
    }

    private static String web(Struct value, SplittableRandom random, long seq, boolean botSpike) {
        double load = TrafficShape.load(TrafficShape.minuteOfDay(seq)) * jitter(random, 0.15);
        long pageViews = Math.round(3_000 * load * (botSpike ? 2.0 + random.nextDouble() * 2.0 : 1.0));
        long visitors = Math.round(pageViews * (0.25 + random.nextDouble() * 0.2));
        value.put(PAGE_VIEWS, pageViews).put(UNIQUE_VISITORS, visitors);
        return "web_analytics";
    }

    private static String mobile(Struct value, SplittableRandom random, long seq) {
        // Mobile use peaks later in the day than desktop traffic.
        double load = TrafficShape.load(TrafficShape.minuteOfDay(seq - 120)) * jitter(random, 0.15);
        long appOpens = Math.round(1_500 * load);
        long activeUsers = Math.round(appOpens * (0.4 + random.nextDouble() * 0.3));
        value.put(APP_OPENS, appOpens).put(ACTIVE_USERS, activeUsers);
        return "mobile_app";
    }

    private static String api(Struct value, SplittableRandom random, long seq, boolean latencySpike) {
        double load = TrafficShape.load(TrafficShape.minuteOfDay(seq));
        long calls = Math.round(1_200 * load * jitter(random, 0.2));
        double responseTime;
        if (latencySpike) {
            responseTime = 2_200 + random.nextDouble() * 6_800;
        } else {
            // Log-normal around ~120 ms, busier minutes a little slower.
            double logNormal = Math.exp(Math.log(100) + 0.45 * gaussian(random)) * (1 + 0.4 * load);
            responseTime = Math.min(NORMAL_RESPONSE_TIME_CEILING_MS, Math.max(15, logNormal));
        }
        value.put(API_CALLS, calls).put(RESPONSE_TIME, Math.round(responseTime * 10) / 10.0);
        return "api_usage";
    }

    private static String database(Struct value, SplittableRandom random, long seq, boolean surge) {
        double load = TrafficShape.load(TrafficShape.minuteOfDay(seq));
        long queries = Math.max(1, Math.round(5_000 * load * jitter(random, 0.2)));
        double slowRatio =
                surge ? 0.02 + random.nextDouble() * 0.10 : random.nextDouble() * NORMAL_SLOW_QUERY_RATIO_CEILING;
        value.put(QUERIES, queries).put(SLOW_QUERIES, (long) Math.floor(queries * slowRatio));
        return "database";
    }

    private static String log(Struct value, SplittableRandom random, boolean errorBurst) {
        double roll = random.nextDouble();
        LogLevel level;
        if (errorBurst) {
            level = roll < 0.7 ? LogLevel.ERROR : roll < 0.9 ? LogLevel.WARNING : LogLevel.INFO;
        } else {
            level = roll < 0.01 ? LogLevel.ERROR : roll < 0.07 ? LogLevel.WARNING : LogLevel.INFO;
        }
        String[] messages = switch (level) {
            case INFO -> INFO_MESSAGES;
            case WARNING -> WARNING_MESSAGES;
            case ERROR -> ERROR_MESSAGES;
        };
        value.put(LEVEL, level.name())
                .put(MESSAGE, pick(random, messages))
                .put(SERVICE, pick(random, SERVICES))
                .put(ENDPOINT, random.nextDouble() < 0.8 ? pick(random, ENDPOINTS) : null)
                .put(USER_ID, random.nextDouble() < 0.6 ? "user_" + random.nextInt(RETURNING_USERS) : null);
        return level.name();
    }

    private String userEvent(Struct value, long seq) {
        long session = Math.floorDiv(seq, SESSION_LENGTH);
        int step = (int) Math.floorMod(seq, SESSION_LENGTH);
        // Everything that is shared by a session's steps comes from the session's own random source.
        SplittableRandom sessionRandom = RecordRandom.of(seed, TelemetryStream.EVENTS.ordinal(), session, 1);
        boolean newUser = sessionRandom.nextDouble() < 0.3;
        boolean converts = sessionRandom.nextDouble() < 0.45;
        String userId =
                newUser ? "user_" + (RETURNING_USERS + session) : "user_" + sessionRandom.nextInt(RETURNING_USERS);

        UserEventType type = (newUser ? NEW_USER_SESSION : RETURNING_USER_SESSION)[step];
        if (type == UserEventType.PURCHASE && !converts) {
            type = UserEventType.PRODUCT_VIEW;
        }
        SplittableRandom stepRandom = RecordRandom.of(seed, TelemetryStream.EVENTS.ordinal(), seq, 2);
        int product = stepRandom.nextInt(PRODUCTS);
        String productId = String.format(Locale.ROOT, "P%04d", product);
        value.put(EVENT_TYPE, type.wireName()).put(USER_ID, userId);
        switch (type) {
            case USER_REGISTRATION -> value.put(PAGE, "/register");
            case USER_LOGIN -> value.put(PAGE, "/login");
            case PRODUCT_VIEW -> value.put(PRODUCT_ID, productId).put(PAGE, "/products/" + productId);
            case ADD_TO_CART ->
                value.put(PRODUCT_ID, productId).put(AMOUNT, price(product)).put(PAGE, "/cart");
            case PURCHASE ->
                value.put(PRODUCT_ID, productId)
                        .put(AMOUNT, Math.round(price(product) * (1 + stepRandom.nextInt(3)) * 100) / 100.0)
                        .put(PAGE, "/checkout");
        }
        return userId;
    }

    /** A product's list price: fixed per product, between 5 and 200. */
    private static double price(int product) {
        long cents = 500 + Math.floorMod(product * 7919L + 104_729L, 19_500L);
        return cents / 100.0;
    }

    private static double jitter(SplittableRandom random, double spread) {
        return 1 - spread + random.nextDouble() * 2 * spread;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String pick(SplittableRandom random, String[] options) {
        return options[random.nextInt(options.length)];
    }
}
