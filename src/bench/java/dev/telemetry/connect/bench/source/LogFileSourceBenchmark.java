package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.source.LogFileSourceConnector;
import dev.telemetry.connect.source.logfile.LogFileSourceTask;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Records and megabytes per second of one LogFileSourceConnector task reading a file of realistic Log4j lines, with
 * format=plain and with format=regex (the log4j preset), beside Kafka's FileStreamSourceConnector reading the same
 * file on the same worker in the same run. Each is run once to warm up, then in {@code repetitions} rounds of all
 * three in rotated order; the table shows the median and the ratio to FileStreamSourceConnector.
 *
 * <p>A run is timed from the connector's creation until the topic's end offset holds every line, polled every 20 ms.
 * Kafka's connector writes each line as a string (StringConverter); the log-file source writes a structured record
 * (timestamp, level, message, service, file, offset, line, ...) as JSON without schemas, which is what the shipped
 * pipeline consumes. Then the task alone, without worker and broker, to show where the time goes.
 * Arguments: {@code fileMiB repetitions} (default 64 3).
 */
public final class LogFileSourceBenchmark {

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String FILE_STREAM = "FileStreamSourceConnector (1 task)";

    private final RestClient rest;
    private final Admin admin;
    private int runs;

    private LogFileSourceBenchmark(EmbeddedConnectCluster connect) {
        this.rest = new RestClient(connect.endpointForResource(""));
        this.admin = connect.kafka().createAdminClient();
    }

    public static void main(String[] args) throws Exception {
        int fileMiB = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("log-file-bench");
        Path file = dir.resolve("shop.log");
        EmbeddedConnectCluster connect = ConnectClusters.start("log-file-bench", 1, Map.of());
        try {
            long lines = writeLog4jLines(file, fileMiB * 1024L * 1024L);
            long bytes = Files.size(file);
            LogFileSourceBenchmark bench = new LogFileSourceBenchmark(connect);
            Map<String, LongSupplier> cases = new LinkedHashMap<>();
            cases.put(FILE_STREAM, () -> bench.fileStream(file, lines));
            cases.put(
                    "LogFileSourceConnector format=plain", () -> bench.logFile(file, lines, Map.of("format", "plain")));
            cases.put(
                    "LogFileSourceConnector format=regex (log4j)",
                    () -> bench.logFile(file, lines, Map.of("format", "regex", "regex.preset", "log4j")));
            Map<String, List<Double>> millis = measure(cases, repetitions);
            print(millis, lines, bytes, repetitions);
            printTaskAlone(file, lines, bytes);
            bench.admin.close();
        } finally {
            connect.stop();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /**
     * Every case once to warm up, then {@code repetitions} rounds of all cases, each round in a rotated order: the run
     * right after another connector's is slower (the broker still flushes and the worker collects garbage), and no
     * case should always be the one that pays for it. Milliseconds of each measured run, by case.
     */
    private static Map<String, List<Double>> measure(Map<String, LongSupplier> cases, int repetitions) {
        cases.values().forEach(LongSupplier::getAsLong);
        List<String> names = new ArrayList<>(cases.keySet());
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        names.forEach(name -> millis.put(name, new ArrayList<>()));
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                millis.get(name).add((double) cases.get(name).getAsLong());
            }
        }
        return millis;
    }

    private long fileStream(Path file, long lines) {
        String topic = "filestream" + (++runs);
        Map<String, String> config = common(topic);
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.put("batch.size", "2000");
        config.put("value.converter", STRING_CONVERTER);
        return timeConnector(topic, config, lines);
    }

    private long logFile(Path file, long lines, Map<String, String> format) {
        String topic = "logfile" + (++runs);
        Map<String, String> config = common(topic);
        config.put("connector.class", LogFileSourceConnector.class.getName());
        config.put("files", file.toString());
        config.put("topic.logs", topic);
        config.put("max.batch.size", "2000");
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        config.putAll(format);
        return timeConnector(topic, config, lines);
    }

    private static Map<String, String> common(String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("tasks.max", "1");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("key.converter", STRING_CONVERTER);
        return config;
    }

    private long timeConnector(String name, Map<String, String> config, long expected) {
        long start = System.nanoTime();
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("Cannot create " + name + ": " + created.body());
        }
        awaitEndOffset(name, expected);
        long millis = (System.nanoTime() - start) / 1_000_000;
        rest.delete("connectors/" + name);
        return millis;
    }

    private void awaitEndOffset(String topic, long expected) {
        long deadline = System.currentTimeMillis() + 1_800_000;
        TopicPartition partition = new TopicPartition(topic, 0);
        while (System.currentTimeMillis() < deadline) {
            try {
                if (admin.listTopics().names().get().contains(topic)
                        && admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                                        .all()
                                        .get()
                                        .get(partition)
                                        .offset()
                                >= expected) {
                    return;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read the end offset of " + topic, e);
            }
        }
        throw new IllegalStateException(topic + " never reached " + expected + " records");
    }

    /** Writes Log4j-layout lines of a web shop, about 120 B each, until the file has {@code bytes}; returns lines. */
    private static long writeLog4jLines(Path file, long bytes) throws Exception {
        String[] levels = {"INFO ", "INFO ", "INFO ", "INFO ", "DEBUG", "WARN ", "INFO ", "ERROR"};
        String[] loggers = {
            "com.example.shop.CartService",
            "com.example.shop.CheckoutController",
            "com.example.auth.TokenFilter",
            "org.hibernate.SQL",
            "com.example.catalog.ProductRepository"
        };
        String[] messages = {
            "Cart updated for user u%d, items=%d",
            "Checkout completed for order o%d in %d ms",
            "Token refreshed for user u%d, ttl=%ds",
            "select p.id from product p where p.category=%d limit %d",
            "Cache miss for product p%d, loaded in %d ms"
        };
        Random random = new Random(42);
        long written = 0;
        long lines = 0;
        long millis = 1_795_000_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (written < bytes) {
                millis += random.nextInt(5);
                java.time.LocalDateTime time = java.time.LocalDateTime.ofEpochSecond(
                        millis / 1000, (int) (millis % 1000) * 1_000_000, java.time.ZoneOffset.UTC);
                int kind = random.nextInt(messages.length);
                String line = String.format(
                        java.util.Locale.ROOT,
                        "%tF %<tT,%03d %s [http-nio-8080-exec-%d] %s - " + messages[kind],
                        time,
                        millis % 1000,
                        levels[random.nextInt(levels.length)],
                        1 + random.nextInt(20),
                        loggers[kind],
                        random.nextInt(100_000),
                        random.nextInt(500));
                out.write(line);
                out.write('\n');
                written += line.length() + 1;
                lines++;
            }
        }
        return lines;
    }

    private static void print(Map<String, List<Double>> millis, long lines, long bytes, int repetitions) {
        double baseline = lines * 1000.0 / median(millis.get(FILE_STREAM));
        System.out.println();
        System.out.printf(
                "Log-file source throughput: %,d Log4j lines, %.1f MiB (~%d B a line), 1 broker + 1 worker, "
                        + "loopback; median of %d runs after a warm-up, in rotated order%n",
                lines, bytes / 1048576.0, bytes / lines, repetitions);
        System.out.printf("%-44s %14s %10s %24s%n", "what", "records/s", "MB/s", "this / FileStreamSource");
        millis.forEach((name, runs) -> {
            double seconds = median(runs) / 1000.0;
            double rate = lines / seconds;
            System.out.printf("%-44s %,14.0f %10.1f %24.2f%n", name, rate, bytes / seconds / 1e6, rate / baseline);
        });
        System.out.println("Figures swing by about 25% between runs on a shared 2-core machine: compare the ratios.");
    }

    /**
     * The same task without a worker or broker: polls the file to its end in this JVM (after one warm-up pass), once
     * returning the records and once also converting each value to JSON as the worker's JsonConverter does. Shows
     * where a record's time goes; not comparable to the rows above, which include the producer and the broker.
     */
    private static void printTaskAlone(Path file, long lines, long bytes) {
        System.out.printf("%nLogFileSourceTask alone, in this JVM (no worker, no broker):%n");
        System.out.printf("%-44s %14s %10s %14s%n", "what", "records/s", "MB/s", "JSON B/record");
        for (String format : List.of("plain", "regex")) {
            for (boolean toJson : List.of(false, true)) {
                pollAlone(file, lines, format, toJson);
                long[] result = pollAlone(file, lines, format, toJson);
                double seconds = result[0] / 1e9;
                System.out.printf(
                        "%-44s %,14.0f %10.1f %14s%n",
                        "format=" + format + (toJson ? " + JsonConverter" : ""),
                        lines / seconds,
                        bytes / seconds / 1e6,
                        toJson ? String.valueOf(result[1] / lines) : "-");
            }
        }
    }

    /** Nanoseconds to poll every line of {@code file}, and the JSON bytes of the values when converted. */
    private static long[] pollAlone(Path file, long lines, String format, boolean toJson) {
        Map<String, String> config = new HashMap<>(
                Map.of("files", file.toString(), "format", format, "poll.wait.ms", "1", "max.batch.size", "2000"));
        if (format.equals("regex")) {
            config.put("regex.preset", "log4j");
        }
        LogFileSourceTask task = new LogFileSourceTask();
        task.initialize(new NoOffsetsContext());
        task.start(config);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        long start = System.nanoTime();
        long polled = 0;
        long jsonBytes = 0;
        try {
            while (polled < lines) {
                List<SourceRecord> batch = task.poll();
                if (batch == null) {
                    continue;
                }
                polled += batch.size();
                if (toJson) {
                    for (SourceRecord record : batch) {
                        jsonBytes += converter.fromConnectData("t", record.valueSchema(), record.value()).length;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            task.stop();
        }
        return new long[] {System.nanoTime() - start, jsonBytes};
    }

    /** A task context with no committed offsets. */
    private static final class NoOffsetsContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("the task registers no metrics");
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return null;
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    return Map.of();
                }
            };
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
