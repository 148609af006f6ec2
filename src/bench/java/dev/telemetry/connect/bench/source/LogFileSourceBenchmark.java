package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.source.LogFileSourceConnector;
import dev.telemetry.connect.source.logfile.LogFileSourceTask;
import dev.telemetry.connect.testkit.CommittedOffsetsContext;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Records and megabytes per second of one LogFileSourceConnector task reading a file of realistic Log4j lines, with
 * format=plain and with format=regex (the log4j preset), beside Kafka's FileStreamSourceConnector reading the same
 * file on the same worker in the same run, and beside the ceiling of one Connect source task: a task that returns
 * ready-made string records of the same JSON size as the log-file records, and, for each of the log-file task's
 * formats, one that returns that format's ready-made log-file records (the Struct values the log-file task made of
 * the file's first 2,000 events with the same settings, sent over and over): what writing those records costs the
 * worker, without any reading or parsing, the reference of that format's goal. Every connector writes its values with the same
 * converter (JsonConverter without schemas, so that the connectors are compared and not the schema the shipped
 * configs put in every record; a FileStream line becomes a JSON string), keys
 * with StringConverter, 2,000 records a poll at most (FileStream batch.size, log-file max.batch.size, the ready-made
 * batch), one partition, one task.
 *
 * <p>Two producer settings, each a full round: the worker's defaults for source tasks (acks=all, one request in
 * flight, batch.size 16384, linger.ms 5), then the shipped log-file configs' {@code producer.override.batch.size=262144}
 * and {@code producer.override.compression.type=zstd} on every connector. Each
 * case runs once to warm up, then {@code repetitions} times in rotated order; the tables show the median, the ratios,
 * and the producer's own metrics of the last run (records per request, batch bytes, request latency, time blocked on
 * a full buffer), which say whether the task or the producer set the pace.
 *
 * <p>A run is timed from the connector's creation until the topic's end offset holds every line, polled every 20 ms.
 * Then the task alone, without worker and broker, to show where the time goes, and the heap while one task tails the
 * file: used heap after a full GC every tenth of the file. Arguments: {@code fileMiB repetitions [schemas]
 * [defaults|shipped] [log-file-only] [no-task-alone]} (default 64 2); {@code schemas} writes every value with its
 * schema, as the shipped configs do; {@code defaults} or {@code shipped} runs that producer setting alone,
 * {@code log-file-only} leaves out FileStreamSourceConnector and the string ceiling, {@code no-task-alone} the task
 * alone and its heap: for a large file on a machine with little time.
 */
public final class LogFileSourceBenchmark {

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    private static final String FILE_STREAM = "FileStreamSourceConnector";
    /** The file size the cases warm up on when the measured file is larger. */
    private static final int WARM_UP_MIB = 64;

    private static final String READY_MADE = "ready-made records (ceiling)";
    private static final int BATCH = ReadyMadeSourceConnector.BATCH;
    private static final List<String> PRODUCER_METRICS =
            List.of("records-per-request-avg", "batch-size-avg", "request-latency-avg", "bufferpool-wait-ratio");

    private final RestClient rest;
    private final Admin admin;
    private final Map<String, String> producerOverrides;
    private final Map<String, Map<String, Double>> lastMetrics = new HashMap<>();
    private Map<String, Double> lastRunMetrics = Map.of();
    private static int runs;
    /** Whether values carry their schema, as with the shipped configs' {@code value.converter.schemas.enable=true}. */
    private static boolean schemas;

    private LogFileSourceBenchmark(EmbeddedConnectCluster connect, Map<String, String> producerOverrides) {
        this.rest = new RestClient(connect.endpointForResource(""));
        this.admin = connect.kafka().createAdminClient();
        this.producerOverrides = producerOverrides;
    }

    public static void main(String[] args) throws Exception {
        int fileMiB = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String> options = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        schemas = options.contains("schemas");
        boolean logFileOnly = options.contains("log-file-only");
        List<Map<String, String>> producerSettings = new ArrayList<>();
        if (!options.contains("shipped")) {
            producerSettings.add(Map.of());
        }
        if (!options.contains("defaults")) {
            producerSettings.add(
                    Map.of("producer.override.batch.size", "262144", "producer.override.compression.type", "zstd"));
        }
        Path dir = Files.createTempDirectory("log-file-bench");
        // Class-path scanning finds the ready-made connector of this benchmark, which no service file lists.
        EmbeddedConnectCluster connect =
                ConnectClusters.start("log-file-bench", 1, Map.of("plugin.discovery", "hybrid_warn"));
        Input input = Input.write(dir, "", fileMiB);
        // A large file warms up on a smaller one: the JIT is warm after a few hundred thousand records.
        Input warmUp = fileMiB > WARM_UP_MIB ? Input.write(dir, "warm-up-", WARM_UP_MIB) : input;
        try {
            int recordBytes = averageJsonValueBytes(input.log4j(), "plain");
            System.out.printf(
                    "%nLog-file source throughput: %,d Log4j lines, %.1f MiB (~%d B a line), log-file record %d B of "
                            + "JSON%s; 1 broker + 1 worker in one JVM, loopback; median of %d runs after a warm-up%s, "
                            + "in rotated order; %s, load average %.1f at start%n",
                    input.lines(),
                    input.bytes() / 1048576.0,
                    input.bytes() / input.lines(),
                    recordBytes,
                    schemas ? " with its schema" : "",
                    repetitions,
                    warmUp == input ? "" : " on " + WARM_UP_MIB + " MiB",
                    java.time.Instant.now(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            for (Map<String, String> overrides : producerSettings) {
                LogFileSourceBenchmark bench = new LogFileSourceBenchmark(connect, overrides);
                Map<String, List<Double>> millis = new LinkedHashMap<>();
                measure(
                        bench.cases(warmUp, recordBytes, logFileOnly, millis),
                        bench.cases(input, recordBytes, logFileOnly, millis),
                        repetitions,
                        millis);
                print(overrides, millis, bench.lastMetrics, input.lines(), input.bytes(), input.logFileCases());
                bench.admin.close();
            }
        } finally {
            connect.stop();
        }
        try {
            if (!options.contains("no-task-alone")) {
                printTaskAlone(input.log4j(), input.cri(), input.lines(), input.bytes());
                printHeapWhileTailing(input.log4j(), input.lines());
            }
        } finally {
            input.delete();
            warmUp.delete();
            Files.deleteIfExists(dir);
        }
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /** Keeps the time of a run of {@code name} and the producer metrics read at its end. */
    private void record(String name, Map<String, List<Double>> millis, long runMillis) {
        millis.computeIfAbsent(name, n -> new ArrayList<>()).add((double) runMillis);
        lastMetrics.put(name, lastRunMetrics);
    }

    /**
     * Every case once to warm up (on {@code warmUp}'s files), then {@code repetitions} rounds of all cases, each round
     * in a rotated order: the run right after another connector's is slower (the broker still flushes and the worker
     * collects garbage), and no case should always be the one that pays for it. Warm-up times are dropped.
     */
    private static void measure(
            Map<String, Runnable> warmUp,
            Map<String, Runnable> cases,
            int repetitions,
            Map<String, List<Double>> millis) {
        warmUp.values().forEach(Runnable::run);
        millis.clear();
        List<String> names = new ArrayList<>(cases.keySet());
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < names.size(); i++) {
                cases.get(names.get((i + round) % names.size())).run();
            }
        }
    }

    /**
     * The cases on {@code input}'s files: FileStreamSourceConnector, each log-file format and its ready-made records,
     * the ready-made string records; only the log-file ones with {@code logFileOnly}.
     */
    private Map<String, Runnable> cases(
            Input input, int recordBytes, boolean logFileOnly, Map<String, List<Double>> millis) {
        Map<String, Runnable> cases = new LinkedHashMap<>();
        long lines = input.lines();
        if (!logFileOnly) {
            cases.put(FILE_STREAM, () -> record(FILE_STREAM, millis, fileStream(input.log4j(), lines)));
        }
        for (LogFileCase logFileCase : input.logFileCases()) {
            cases.put(
                    logFileCase.reading(),
                    () -> record(
                            logFileCase.reading(), millis, logFile(logFileCase.file(), lines, logFileCase.settings())));
            cases.put(
                    logFileCase.readyMade(),
                    () -> record(
                            logFileCase.readyMade(),
                            millis,
                            readyMadeLogRecords(logFileCase.file(), lines, logFileCase.settings())));
        }
        if (!logFileOnly) {
            cases.put(READY_MADE, () -> record(READY_MADE, millis, readyMade(lines, recordBytes, "INFO")));
        }
        return cases;
    }

    private long fileStream(Path file, long lines) {
        String topic = "filestream" + (++runs);
        Map<String, String> config = common();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.put("batch.size", String.valueOf(BATCH));
        return timeConnector(topic, config, lines);
    }

    private long logFile(Path file, long lines, Map<String, String> format) {
        String topic = "logfile" + (++runs);
        Map<String, String> config = common();
        config.put("connector.class", LogFileSourceConnector.class.getName());
        config.put("files", file.toString());
        config.put("topic.logs", topic);
        config.put("max.batch.size", String.valueOf(BATCH));
        config.putAll(format);
        return timeConnector(topic, config, lines);
    }

    private long readyMade(long records, int valueJsonBytes, String key) {
        String topic = "readymade" + (++runs);
        Map<String, String> config = common();
        config.put("connector.class", ReadyMadeSourceConnector.class.getName());
        config.put(ReadyMadeSourceConnector.TOPIC, topic);
        config.put(ReadyMadeSourceConnector.RECORDS, String.valueOf(records));
        // A JSON string value is its characters plus two quotes.
        config.put(ReadyMadeSourceConnector.VALUE_CHARS, String.valueOf(valueJsonBytes - 2));
        config.put(ReadyMadeSourceConnector.KEY, key);
        return timeConnector(topic, config, records);
    }

    private long readyMadeLogRecords(Path file, long records, Map<String, String> settings) {
        String topic = "readymadelog" + (++runs);
        Map<String, String> config = common();
        config.put("connector.class", ReadyMadeSourceConnector.class.getName());
        config.put(ReadyMadeSourceConnector.TOPIC, topic);
        config.put(ReadyMadeSourceConnector.RECORDS, String.valueOf(records));
        config.put(ReadyMadeSourceConnector.VALUE_CHARS, "0");
        config.put(ReadyMadeSourceConnector.KEY, "");
        config.put(ReadyMadeSourceConnector.LOG_FILE, file.toString());
        settings.forEach((key, value) -> config.put(ReadyMadeSourceConnector.LOG_FILE_TASK_PREFIX + key, value));
        return timeConnector(topic, config, records);
    }

    private Map<String, String> common() {
        Map<String, String> config = new HashMap<>();
        config.put("tasks.max", "1");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", String.valueOf(schemas));
        config.putAll(producerOverrides);
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
        lastRunMetrics = producerMetrics(name);
        rest.delete("connectors/" + name);
        return millis;
    }

    /** The producer metrics of the connector's task 0, averaged by the producer over its last 30 s windows. */
    private static Map<String, Double> producerMetrics(String connector) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Double> values = new LinkedHashMap<>();
        try {
            ObjectName name = new ObjectName(
                    "kafka.producer:type=producer-metrics,client-id=connector-producer-" + connector + "-0");
            for (String metric : PRODUCER_METRICS) {
                values.put(metric, ((Number) server.getAttribute(name, metric)).doubleValue());
            }
        } catch (Exception e) {
            PRODUCER_METRICS.forEach(metric -> values.put(metric, Double.NaN));
        }
        return values;
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

    /** Writes Log4j-layout lines of a web shop, about 130 B each, until the file has {@code bytes}; returns lines. */
    static long writeLog4jLines(Path file, long bytes) throws Exception {
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
                LocalDateTime time =
                        LocalDateTime.ofEpochSecond(millis / 1000, (int) (millis % 1000) * 1_000_000, ZoneOffset.UTC);
                int kind = random.nextInt(messages.length);
                String line = String.format(
                        Locale.ROOT,
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

    /**
     * The lines of {@code log4j} as a container's structured output in a CRI file: each line a JSON object (time,
     * level, thread, logger, msg) wrapped as containerd writes it, every tenth one split into two P/F pieces, so the
     * CRI case has as many events as the Log4j file has lines.
     */
    static void writeCriJsonLines(Path log4j, Path cri) throws Exception {
        java.util.regex.Pattern layout =
                java.util.regex.Pattern.compile("(\\S+ \\S+) (\\S+) +\\[([^\\]]+)\\] (\\S+) - (.*)");
        long line = 0;
        try (var lines = Files.lines(log4j);
                BufferedWriter out = Files.newBufferedWriter(cri, StandardCharsets.UTF_8)) {
            for (String text : (Iterable<String>) lines::iterator) {
                java.util.regex.Matcher m = layout.matcher(text);
                if (!m.matches()) {
                    throw new IllegalStateException("not a Log4j line of this benchmark: " + text);
                }
                String time = m.group(1).replace(' ', 'T').replace(',', '.') + "Z";
                String json = "{\"time\":\"" + time + "\",\"level\":\"" + m.group(2) + "\",\"thread\":\"" + m.group(3)
                        + "\",\"logger\":\"" + m.group(4) + "\",\"msg\":\"" + m.group(5) + "\"}";
                String prefix = time.substring(0, time.length() - 1) + "123456Z stdout ";
                if (line++ % 10 == 0) {
                    int half = json.length() / 2;
                    out.write(prefix + "P " + json.substring(0, half) + "\n");
                    out.write(prefix + "F " + json.substring(half) + "\n");
                } else {
                    out.write(prefix + "F " + json + "\n");
                }
            }
        }
    }

    private static void print(
            Map<String, String> overrides,
            Map<String, List<Double>> millis,
            Map<String, Map<String, Double>> metrics,
            long lines,
            long bytes,
            List<LogFileCase> logFileCases) {
        Map<String, Double> rates = new LinkedHashMap<>();
        millis.forEach((name, runs) -> rates.put(name, lines * 1000.0 / median(runs)));
        Map<String, String> ownCeiling = new HashMap<>();
        for (LogFileCase logFileCase : logFileCases) {
            ownCeiling.put(logFileCase.reading(), logFileCase.readyMade());
            ownCeiling.put(logFileCase.readyMade(), logFileCase.readyMade());
        }
        String plainCeiling = logFileCases.get(0).readyMade();
        System.out.printf(
                "%nProducer: %s%n",
                overrides.isEmpty()
                        ? "the worker's defaults for source tasks (batch.size 16384, one request in flight)"
                        : overrides);
        System.out.printf(
                "%-52s %10s %7s %6s %6s %6s %6s %8s %8s %8s %7s%n",
                "what",
                "records/s",
                "MB/s",
                "/own",
                "/plain",
                "/FileS",
                "/ceil",
                "rec/req",
                "batch B",
                "req ms",
                "blocked");
        millis.forEach((name, runs) -> {
            double rate = rates.get(name);
            Map<String, Double> m = metrics.get(name);
            System.out.printf(
                    "%-52s %,10.0f %7.1f %6s %6s %6s %6s %8.0f %8.0f %8.2f %6.0f%%  (runs ms: %s)%n",
                    name,
                    rate,
                    bytes * rate / lines / 1e6,
                    ratio(rate, rates.get(ownCeiling.get(name))),
                    ratio(rate, rates.get(plainCeiling)),
                    ratio(rate, rates.get(FILE_STREAM)),
                    ratio(rate, rates.get(READY_MADE)),
                    m.get("records-per-request-avg"),
                    m.get("batch-size-avg"),
                    m.get("request-latency-avg"),
                    100 * m.get("bufferpool-wait-ratio"),
                    runs);
        });
        System.out.println("/own: to the ready-made records of the same format (the goal's reference); /plain: to the "
                + "ready-made format=plain records; /FileS: to FileStreamSourceConnector; /ceil: to ready-made string "
                + "records of the plain record's JSON size. MB/s: of the Log4j file (the ready-made records carry as "
                + "many records, not the file's bytes; the cri case reads the same events wrapped as CRI JSON, a larger "
                + "file).");
    }

    private static String ratio(double rate, Double reference) {
        return reference == null ? "-" : String.format(Locale.ROOT, "%.2f", rate / reference);
    }

    /** A file of Log4j lines and the same events as CRI lines, read by every case. */
    private record Input(Path log4j, Path cri, long lines, long bytes) {
        static Input write(Path dir, String prefix, int mib) throws Exception {
            Path log4j = dir.resolve(prefix + "shop.log");
            Path cri = dir.resolve(prefix + "0.log");
            long lines = writeLog4jLines(log4j, mib * 1024L * 1024L);
            writeCriJsonLines(log4j, cri);
            return new Input(log4j, cri, lines, Files.size(log4j));
        }

        List<LogFileCase> logFileCases() {
            return List.of(
                    new LogFileCase("format=plain", log4j, Map.of("format", "plain")),
                    new LogFileCase("format=regex (log4j)", log4j, Map.of("format", "regex", "regex.preset", "log4j")),
                    new LogFileCase("cri + format=json", cri, Map.of("container.format", "cri", "format", "json")));
        }

        void delete() throws Exception {
            Files.deleteIfExists(log4j);
            Files.deleteIfExists(cri);
        }
    }

    /**
     * One way of reading the file: its row names, the file it reads and the task settings that make its records, for
     * the reading task and for the ready-made records of the same format.
     */
    private record LogFileCase(String label, Path file, Map<String, String> settings) {
        String reading() {
            return "LogFileSourceConnector " + label;
        }

        String readyMade() {
            return "ready-made records, " + label;
        }
    }

    /** The mean size of the JSON values of the first 10,000 records of {@code file} with {@code format}. */
    private static int averageJsonValueBytes(Path file, String format) throws InterruptedException {
        LogFileSourceTask task = startTask(file, format);
        JsonConverter converter = jsonConverter();
        long bytes = 0;
        int records = 0;
        try {
            while (records < 10_000) {
                List<SourceRecord> batch = task.poll();
                if (batch == null) {
                    break;
                }
                for (SourceRecord record : batch) {
                    bytes += converter.fromConnectData("t", record.valueSchema(), record.value()).length;
                    records++;
                }
            }
        } finally {
            task.stop();
        }
        return (int) (bytes / records);
    }

    /**
     * The same task without a worker or broker: polls the file to its end in this JVM (after one warm-up pass), once
     * returning the records and once also converting each value to JSON as the worker's JsonConverter does. Shows
     * where a record's time goes; not comparable to the rows above, which include the producer and the broker.
     */
    private static void printTaskAlone(Path file, Path criFile, long lines, long bytes) throws InterruptedException {
        System.out.printf("%nLogFileSourceTask alone, in this JVM (no worker, no broker):%n");
        System.out.printf("%-44s %14s %10s %14s%n", "what", "records/s", "MB/s", "JSON B/record");
        for (String format : List.of("plain", "regex", "cri")) {
            Path read = format.equals("cri") ? criFile : file;
            for (boolean toJson : List.of(false, true)) {
                pollAlone(read, lines, format, toJson);
                long[] result = pollAlone(read, lines, format, toJson);
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
    private static long[] pollAlone(Path file, long lines, String format, boolean toJson) throws InterruptedException {
        LogFileSourceTask task = startTask(file, format);
        JsonConverter converter = jsonConverter();
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
        } finally {
            task.stop();
        }
        return new long[] {System.nanoTime() - start, jsonBytes};
    }

    /**
     * Used heap after a full GC at every tenth of the file while one task (format=regex, the most allocating) reads
     * it, records converted to JSON and dropped as the worker would: flat if the task keeps state per file, not per
     * line.
     */
    private static void printHeapWhileTailing(Path file, long lines) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        LogFileSourceTask task = startTask(file, "regex");
        JsonConverter converter = jsonConverter();
        System.out.printf("%nHeap while one task tails the file (format=regex), used after a full GC:%n");
        System.out.printf("%12s %12s%n", "lines read", "heap MiB");
        long polled = 0;
        long next = 0;
        try {
            while (polled < lines) {
                if (polled >= next) {
                    System.gc();
                    System.out.printf(
                            "%,12d %12.1f%n",
                            polled, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
                    next += lines / 10;
                }
                List<SourceRecord> batch = task.poll();
                if (batch == null) {
                    continue;
                }
                for (SourceRecord record : batch) {
                    converter.fromConnectData("t", record.valueSchema(), record.value());
                }
                polled += batch.size();
            }
            System.gc();
            System.out.printf(
                    "%,12d %12.1f%n", polled, memory.getHeapMemoryUsage().getUsed() / 1048576.0);
        } finally {
            task.stop();
        }
    }

    private static LogFileSourceTask startTask(Path file, String format) {
        Map<String, String> config = new HashMap<>(Map.of(
                "files",
                file.toString(),
                "format",
                format,
                "poll.wait.ms",
                "1",
                "max.batch.size",
                String.valueOf(BATCH)));
        if (format.equals("regex")) {
            config.put("regex.preset", "log4j");
        }
        if (format.equals("cri")) {
            config.put("container.format", "cri");
            config.put("format", "json");
        }
        LogFileSourceTask task = new LogFileSourceTask();
        task.initialize(new CommittedOffsetsContext(Map.of()));
        task.start(config);
        return task;
    }

    private static JsonConverter jsonConverter() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", String.valueOf(schemas)), false);
        return converter;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
