package dev.telemetry.connect.bench.sink;

import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Alerts per second of one AlertSinkConnector task in a real worker: to a file, beside Kafka's own
 * FileStreamSinkConnector consuming the same topic into a file on the same worker; and to a local webhook at several
 * batch sizes. The topic is filled first with classified alerts as JSON with schemas; each run is timed from the
 * connector's creation until its output holds every record (file lines or webhook alerts, polled every 10 ms, reading
 * only what arrived since the last look). One warm-up run, then {@code repetitions} measured runs, the two file sinks
 * taking turns; the table shows the median, the spread and the ratio.
 *
 * <p>The cost of keeping every record in its stream: the shipped sinks read the stream topics and drop everything below
 * warning with Kafka's Filter and SeverityAtLeast. A stream topic of the same size, classified records of which one in
 * {@link #ALERT_EVERY} is an alert, is read by the sink with the shipped Filter chain (from
 * config/alert-sink-file.properties); its rate is in records read (filtered) per second per task, beside the same sink
 * reading the alerts-only topic.
 * Arguments: {@code records repetitions} (default 1000000 3: the million records; runs of a few hundred
 * thousand are short enough for the connectors' start-up to blur the ratio).
 */
public final class SinkThroughputBenchmark {

    private static final String TOPIC = "alerts";
    private static final String STREAM_TOPIC = "application_logs";
    /** One record in 20 is an alert, as with the generator's default anomaly rate of 5%. */
    static final int ALERT_EVERY = 20;

    private final EmbeddedConnectCluster connect;
    private final RestClient rest;
    private final Path dir;
    private int runs;

    private SinkThroughputBenchmark(EmbeddedConnectCluster connect, Path dir) {
        this.connect = connect;
        this.rest = new RestClient(connect.endpointForResource(""));
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("sink-bench");
        ScriptedHttpServer webhook = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200));
        // The shipped worker's consumer receive buffer (autotuned): with Kafka's fixed 64 KiB, dropped loopback
        // segments stall fetches for ~200 ms at random (docs/benchmarks.md, "Event to alert, per hop").
        String receiveBuffer = "consumer.receive.buffer.bytes";
        EmbeddedConnectCluster connect = ConnectClusters.start(
                "sink-bench",
                1,
                Map.of(
                        receiveBuffer,
                        ConfigFiles.load("connect-distributed.properties").get(receiveBuffer)));
        try {
            SinkThroughputBenchmark bench = new SinkThroughputBenchmark(connect, dir);
            bench.fillTopic(TOPIC, records, 1);
            // A multiple of ALERT_EVERY, so that the stream's last record is an alert and a run ends with it.
            int streamRecords = records / ALERT_EVERY * ALERT_EVERY;
            bench.fillTopic(STREAM_TOPIC, streamRecords, ALERT_EVERY);
            Map<String, List<Double>> results = new LinkedHashMap<>();
            // The two file sinks take turns, so that a load that comes and goes on the shared machine hits both alike.
            List<List<Double>> fileRates = measureInTurns(
                    repetitions, records, List.of(() -> bench.alertFile(records), () -> bench.fileStream(records)));
            results.put(ALERT_FILE, fileRates.get(0));
            results.put(
                    FILTERED,
                    measure(repetitions, streamRecords, () -> bench.filteredStream(streamRecords / ALERT_EVERY)));
            results.put(FILE_STREAM, fileRates.get(1));
            int webhookRecords = Math.min(records, 20_000);
            for (int batch : new int[] {1, 100, 500}) {
                results.put(
                        "AlertSinkConnector -> webhook, batch " + batch,
                        measure(repetitions, webhookRecords, () -> bench.webhook(webhook, batch, webhookRecords)));
            }
            print(results, records, webhookRecords, repetitions);
        } finally {
            // The worker first: deleted connectors may still be delivering to the webhook.
            connect.stop();
            webhook.close();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /** {@code records} classified log records, one in {@code alertEvery} critical (the last one too), the rest info. */
    private void fillTopic(String topic, int records, int alertEvery) throws Exception {
        connect.kafka().createTopic(topic, 1);
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        Properties props = new Properties();
        props.put("bootstrap.servers", connect.kafka().bootstrapServers());
        props.put("linger.ms", "10");
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long seq = 0; seq < records; seq++) {
                boolean alert = (seq + 1) % alertEvery == 0;
                Struct value = new Struct(SinkRecords.CLASSIFIED_LOG)
                        .put("stream", "logs")
                        .put("seq", seq)
                        .put("timestamp", new Date(now))
                        .put("level", alert ? "ERROR" : "INFO")
                        .put("message", alert ? "Payment provider timeout" : "Payment accepted")
                        .put("service", "payment-service")
                        .put("endpoint", "/api/v1/checkout")
                        .put("severity", alert ? "critical" : "info")
                        .put("category", alert ? "alert" : "telemetry")
                        .put("processed_at", new Date(now + 3));
                producer.send(new ProducerRecord<>(
                        topic,
                        ("seq-" + seq).getBytes(StandardCharsets.UTF_8),
                        converter.fromConnectData(topic, SinkRecords.CLASSIFIED_LOG, value)));
            }
        }
    }

    /** Records per second of a warm-up run and then the measured ones; the warm-up is left out. */
    private static List<Double> measure(int repetitions, int records, LongSupplier runMillis) {
        runMillis.getAsLong();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            rates.add(records * 1000.0 / runMillis.getAsLong());
        }
        return rates;
    }

    /**
     * Records per second of each run, the runs taking turns (the first of each round alternating) after one warm-up run
     * each; the warm-ups are left out.
     */
    private static List<List<Double>> measureInTurns(int repetitions, int records, List<LongSupplier> runs) {
        List<List<Double>> rates = new ArrayList<>();
        for (LongSupplier run : runs) {
            run.getAsLong();
            rates.add(new ArrayList<>());
        }
        for (int round = 0; round < repetitions; round++) {
            for (int i = 0; i < runs.size(); i++) {
                int which = (round % 2 == 0) ? i : runs.size() - 1 - i;
                rates.get(which).add(records * 1000.0 / runs.get(which).getAsLong());
            }
        }
        return rates;
    }

    private long alertFile(int records) {
        Path file = dir.resolve("alerts-" + (++runs) + ".jsonl");
        Map<String, String> config = common("alert-file-" + runs);
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("destination", "file");
        config.put("file.path", file.toString());
        config.put("batch.max.size", "500");
        config.put("batch.max.wait.ms", "50");
        LineCounter lines = new LineCounter(file);
        return timeUntil(config, () -> lines.count() >= records);
    }

    /** The sink with the shipped Filter chain on the stream topic, timed until all its {@code alerts} are in the file. */
    private long filteredStream(int alerts) {
        Path file = dir.resolve("filtered-" + (++runs) + ".jsonl");
        Map<String, String> config = common("filtered-" + runs);
        config.put("topics", STREAM_TOPIC);
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("destination", "file");
        config.put("file.path", file.toString());
        config.put("batch.max.size", "500");
        config.put("batch.max.wait.ms", "50");
        ConfigFiles.load("alert-sink-file.properties").forEach((key, value) -> {
            if (key.startsWith("transforms") || key.startsWith("predicates")) {
                config.put(key, value);
            }
        });
        LineCounter lines = new LineCounter(file);
        return timeUntil(config, () -> lines.count() >= alerts);
    }

    private long fileStream(int records) {
        Path file = dir.resolve("filestream-" + (++runs) + ".txt");
        Map<String, String> config = common("file-stream-" + runs);
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector");
        config.put("file", file.toString());
        LineCounter lines = new LineCounter(file);
        return timeUntil(config, () -> lines.count() >= records);
    }

    private long webhook(ScriptedHttpServer server, int batch, int records) {
        String path = "/hook-" + (++runs);
        Map<String, String> config = common("webhook-" + runs);
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("destination", "webhook");
        config.put("webhook.url", server.uri(path).toString());
        config.put("batch.max.size", String.valueOf(batch));
        config.put("batch.max.wait.ms", "50");
        // A webhook run stops timing once the first webhookRecords alerts of the topic have arrived.
        PostedAlerts posted = new PostedAlerts(server, path);
        return timeUntil(config, () -> posted.count() >= records);
    }

    private Map<String, String> common(String name) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("consumer.override.max.poll.records", "2000");
        return config;
    }

    private long timeUntil(Map<String, String> config, java.util.function.BooleanSupplier done) {
        String name = config.get("name");
        long start = System.nanoTime();
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("Cannot create " + name + ": " + created.body());
        }
        long deadline = System.currentTimeMillis() + 300_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(name + " did not finish in 5 minutes");
            }
            sleep(10);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        rest.delete("connectors/" + name);
        return millis;
    }

    /**
     * Alerts posted to one path so far, counting only the requests that arrived since the last look: polling must not
     * take CPU from the worker in proportion to what it has already delivered.
     */
    private static final class PostedAlerts {
        private final ScriptedHttpServer server;
        private final String path;
        private int requestsSeen;
        private long alerts;

        PostedAlerts(ScriptedHttpServer server, String path) {
            this.server = server;
            this.path = path;
        }

        long count() {
            // Only the new requests: copying all of them on every call took more CPU than the sink under test.
            List<ScriptedHttpServer.Request> requests = server.requestsAfter(requestsSeen);
            for (ScriptedHttpServer.Request request : requests) {
                if (request.path().equals(path)) {
                    // Each alert of a webhook body has one "occurrences" key.
                    alerts += countOccurrences(request.body(), "\"occurrences\":");
                }
            }
            requestsSeen += requests.size();
            return alerts;
        }
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    /**
     * Lines of a file that only grows, reading only the bytes appended since the last look: re-reading the whole file
     * at every poll took more CPU than the sink itself on 2 cores, and more for the sink writing the longer lines.
     */
    private static final class LineCounter {
        private final Path file;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private long position;
        private long lines;

        LineCounter(Path file) {
            this.file = file;
        }

        long count() {
            if (!Files.exists(file)) {
                return 0;
            }
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                int read;
                while ((read = in.read(buffer.clear(), position)) > 0) {
                    position += read;
                    for (int i = 0; i < read; i++) {
                        if (buffer.get(i) == '\n') {
                            lines++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return lines;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final String ALERT_FILE = "AlertSinkConnector -> file";
    private static final String FILTERED = "AlertSinkConnector + Filter, stream";
    private static final String FILE_STREAM = "FileStreamSinkConnector -> file";

    private static void print(Map<String, List<Double>> results, int records, int webhookRecords, int repetitions) {
        double fileStream = median(results.get(FILE_STREAM));
        System.out.println();
        System.out.printf(
                "Sink throughput: %,d classified alerts (JSON with schemas) to files, %,d to a local webhook; "
                        + "1 broker + 1 worker, 1 task, loopback; median of %d runs after a warm-up%n",
                records, webhookRecords, repetitions);
        System.out.printf("%-40s %12s %18s %24s%n", "what", "records/s", "spread (min-max)", "this / FileStreamSink");
        results.forEach((name, rates) -> {
            double median = median(rates);
            System.out.printf(
                    "%-40s %,12.0f %8.0f-%-9.0f %24.2f%n",
                    name, median, Collections.min(rates), Collections.max(rates), median / fileStream);
        });
        System.out.printf(
                "'%s': records read from a stream topic (1 in %d an alert) and filtered by the shipped Filter chain,"
                        + " per second per task; %.2fx the same sink reading the alerts-only topic; alerts delivered"
                        + " %,.0f/s%n",
                FILTERED,
                ALERT_EVERY,
                median(results.get(FILTERED)) / median(results.get(ALERT_FILE)),
                median(results.get(FILTERED)) / ALERT_EVERY);
        System.out.println("Figures swing by about 25% between runs on a shared 2-core machine: compare the ratios.");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
