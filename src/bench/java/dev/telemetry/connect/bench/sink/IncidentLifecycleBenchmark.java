package dev.telemetry.connect.bench.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.sink.AlertSinkConnector;
import dev.telemetry.connect.sink.SinkRecords;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The cost of the alert lifecycle: one AlertSinkConnector task to a file with {@code incident.enabled=false} (one
 * alert per record) against the same sink with {@code incident.enabled=true} (immediate condition, the default key of
 * category and source, {@code incident.resolve.after.ms=1000}, {@code incident.allowed.lateness.ms=0}), on the same kind of records: critical log records in
 * bursts of {@link #BURST} in a row from one service.
 *
 * <p>Throughput: the topic is filled first, the bursts cycling over {@link #SERVICES} services, so with the lifecycle
 * on the task keeps that many incidents open and folds every record into one. A run is timed from the connector's
 * creation until the task has handled the last record. Off, that is the file holding one line per record; on, it is the
 * firing of the topic's last record, the only one of its service, which the task writes once it has folded every
 * record before it. Records read per second per task; one warm-up run each, then {@code repetitions} runs taking
 * turns.
 *
 * <p>Delivery latency: records produced at a fixed rate into a new topic while the connector runs, each burst from a
 * new service, so with the lifecycle on every burst is an incident that fires and resolves; the file is tailed every
 * 2 ms. Off: each alert line, from the record's event time to the line seen. On: each firing, from its opening
 * record's event time, and each resolved, from the instant its silence ended it ({@code endsAt}), to the line seen.
 *
 * <p>Arguments: {@code records repetitions rate seconds} (default 500000 3 1000 20).
 */
public final class IncidentLifecycleBenchmark {

    /** Records in a row of one service: each burst is one incident with the lifecycle on. */
    static final int BURST = 10;
    /** Services the throughput runs' bursts cycle over: incidents open at once. */
    static final int SERVICES = 100;
    /** Event time of the filled topic: 100,000 records a second, faster than one task reads them. */
    private static final long FILL_EVENTS_PER_MS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "lifecycle_alerts";
    private static final String SENTINEL = "sentinel";

    private final EmbeddedConnectCluster connect;
    private final RestClient rest;
    private final Path dir;
    private final JsonConverter converter = new JsonConverter();
    private int runs;

    private IncidentLifecycleBenchmark(EmbeddedConnectCluster connect, Path dir) {
        this.connect = connect;
        this.rest = new RestClient(connect.endpointForResource(""));
        this.dir = dir;
        converter.configure(Map.of("schemas.enable", "true"), false);
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        Path dir = Files.createTempDirectory("lifecycle-bench");
        // The shipped worker's consumer receive buffer, as in SinkThroughputBenchmark.
        String receiveBuffer = "consumer.receive.buffer.bytes";
        EmbeddedConnectCluster connect = ConnectClusters.start(
                "lifecycle-bench",
                1,
                Map.of(
                        receiveBuffer,
                        ConfigFiles.load("connect-distributed.properties").get(receiveBuffer)));
        try {
            IncidentLifecycleBenchmark bench = new IncidentLifecycleBenchmark(connect, dir);
            bench.fill(records);
            bench.run(false, records);
            bench.run(true, records);
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            for (int round = 0; round < repetitions; round++) {
                boolean lifecycleFirst = round % 2 == 1;
                (lifecycleFirst ? on : off).add(records * 1000.0 / bench.run(lifecycleFirst, records));
                (lifecycleFirst ? off : on).add(records * 1000.0 / bench.run(!lifecycleFirst, records));
            }
            Latencies offLatency = bench.latency(false, rate, seconds);
            Latencies onLatency = bench.latency(true, rate, seconds);
            print(records, repetitions, rate, seconds, off, on, offLatency, onLatency);
        } finally {
            connect.stop();
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

    /**
     * {@code records} critical records in bursts of {@link #BURST} per service, then the sentinel's. Their event times
     * advance as a stream's do, {@link #FILL_EVENTS_PER_MS} per millisecond: records that all carried one event time
     * would let the task's clock alone move their partition's time, and resolve every incident after a second of it.
     */
    private void fill(int records) {
        connect.kafka().createTopic(TOPIC, 1);
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long seq = 0; seq < records - 1; seq++) {
                producer.send(record(TOPIC, seq, "svc-" + (seq / BURST) % SERVICES, now + seq / FILL_EVENTS_PER_MS));
            }
            producer.send(record(TOPIC, records - 1, SENTINEL, now + (records - 1) / FILL_EVENTS_PER_MS));
        }
    }

    /** Milliseconds from the connector's creation until its task has handled every record of the topic. */
    private long run(boolean lifecycle, int records) {
        Path file = dir.resolve("run-" + (++runs) + ".jsonl");
        Map<String, String> config = sink("lifecycle-" + lifecycle + "-" + runs, TOPIC, file, lifecycle);
        long start = System.nanoTime();
        create(config);
        long deadline = System.currentTimeMillis() + 600_000;
        if (lifecycle) {
            LineTail tail = new LineTail(file);
            boolean[] sentinel = {false};
            while (!sentinel[0]) {
                tail.read(line -> sentinel[0] |= line.contains("\"source\":\"" + SENTINEL + "\""));
                checkDeadline(deadline, config);
                sleep(10);
            }
        } else {
            LineTail tail = new LineTail(file);
            long[] lines = {0};
            while (lines[0] < records) {
                tail.read(line -> lines[0]++);
                checkDeadline(deadline, config);
                sleep(10);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        rest.delete("connectors/" + config.get("name"));
        return millis;
    }

    /** Records at {@code rate} per second for {@code seconds}, into a new topic, with the connector running. */
    private Latencies latency(boolean lifecycle, int rate, int seconds) throws Exception {
        String topic = "latency_" + (++runs);
        connect.kafka().createTopic(topic, 1);
        Path file = dir.resolve(topic + ".jsonl");
        Map<String, String> config = sink("latency-" + lifecycle + "-" + runs, topic, file, lifecycle);
        create(config);
        LineTail tail = new LineTail(file);
        List<Long> millis = new ArrayList<>();
        Consumer<String> measure = line -> {
            long seen = System.currentTimeMillis();
            JsonNode json = parse(line);
            String kind = json.path("notification").asText();
            Instant from = switch (kind) {
                case "" -> Instant.parse(json.path("event_time").asText());
                case "firing" -> Instant.parse(json.path("first_seen").asText());
                case "resolved" -> Instant.parse(json.path("endsAt").asText());
                default -> null;
            };
            if (from != null) {
                millis.add(seen - from.toEpochMilli());
            }
        };
        long total = (long) rate * seconds;
        long startNanos = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (long seq = 0; seq < total; seq++) {
                long dueNanos = startNanos + seq * 1_000_000_000L / rate;
                while (System.nanoTime() < dueNanos) {
                    tail.read(measure);
                    sleep(2);
                }
                producer.send(record(topic, seq, "svc-" + seq / BURST, System.currentTimeMillis()));
            }
        }
        // The last incidents resolve after their silence; the last alerts are written at once.
        long expected = lifecycle ? 2 * (total / BURST) : total;
        long deadline = System.currentTimeMillis() + 120_000;
        while (millis.size() < expected && System.currentTimeMillis() < deadline) {
            tail.read(measure);
            sleep(2);
        }
        rest.delete("connectors/" + config.get("name"));
        return new Latencies(millis, expected);
    }

    private Map<String, String> sink(String name, String topic, Path file, boolean lifecycle) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", AlertSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("destination", "file");
        config.put("file.path", file.toString());
        config.put("batch.max.size", "500");
        config.put("batch.max.wait.ms", "0");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "true");
        config.put("consumer.override.max.poll.records", "2000");
        config.put("incident.enabled", String.valueOf(lifecycle));
        config.put("incident.resolve.after.ms", "1000");
        // The engine's cost, not the wait a user chooses: with the default 30 s every resolved would come 30 s later.
        config.put("incident.allowed.lateness.ms", "0");
        return config;
    }

    private void create(Map<String, String> config) {
        String name = config.get("name");
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("Cannot create " + name + ": " + created.body());
        }
    }

    private ProducerRecord<byte[], byte[]> record(String topic, long seq, String service, long timeMs) {
        Struct value = new Struct(SinkRecords.CLASSIFIED_LOG)
                .put("stream", "logs")
                .put("seq", seq)
                .put("timestamp", new Date(timeMs))
                .put("level", "ERROR")
                .put("message", "Payment provider timeout")
                .put("service", service)
                .put("endpoint", "/api/v1/checkout")
                .put("severity", "critical")
                .put("category", "alert")
                .put("processed_at", new Date(timeMs + 3));
        return new ProducerRecord<>(
                topic,
                ("seq-" + seq).getBytes(StandardCharsets.UTF_8),
                converter.fromConnectData(topic, SinkRecords.CLASSIFIED_LOG, value));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", connect.kafka().bootstrapServers());
        props.put("linger.ms", "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void checkDeadline(long deadline, Map<String, String> config) {
        if (System.currentTimeMillis() > deadline) {
            throw new IllegalStateException(config.get("name") + " did not finish in 10 minutes");
        }
    }

    /** Delivery latencies of one run, in milliseconds, and how many notifications or alerts it should have seen. */
    private record Latencies(List<Long> millis, long expected) {
        long percentile(double p) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return sorted.isEmpty()
                    ? -1
                    : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }

    /** The complete lines appended to a file since the last look, read from where the last look ended. */
    private static final class LineTail {
        private final Path file;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        private final StringBuilder partial = new StringBuilder();
        private long position;

        LineTail(Path file) {
            this.file = file;
        }

        void read(Consumer<String> lines) {
            if (!Files.exists(file)) {
                return;
            }
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                int read;
                while ((read = in.read(buffer.clear(), position)) > 0) {
                    position += read;
                    partial.append(new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        lines.accept(partial.substring(0, newline));
                        partial.delete(0, newline + 1);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static void print(
            int records,
            int repetitions,
            int rate,
            int seconds,
            List<Double> off,
            List<Double> on,
            Latencies offLatency,
            Latencies onLatency) {
        System.out.println();
        System.out.printf(
                "Alert lifecycle cost: %,d critical records in bursts of %d over %d services, 1 broker + 1 worker,"
                        + " 1 task to a file; median of %d runs each after a warm-up, taking turns%n",
                records, BURST, SERVICES, repetitions);
        System.out.printf("%-34s %12s %18s %10s%n", "what", "records/s", "spread (min-max)", "on / off");
        System.out.printf(
                "%-34s %,12.0f %8.0f-%-9.0f %10s%n",
                "incident.enabled=false", median(off), Collections.min(off), Collections.max(off), "");
        System.out.printf(
                "%-34s %,12.0f %8.0f-%-9.0f %10.2f%n",
                "incident.enabled=true",
                median(on),
                Collections.min(on),
                Collections.max(on),
                median(on) / median(off));
        System.out.printf(
                "Delivery latency at %,d records/s for %d s, a new service every %d records (off: record to alert"
                        + " line; on: opening record to firing, silence's end to resolved)%n",
                rate, seconds, BURST);
        System.out.printf("%-34s %8s %8s %8s %8s %14s%n", "what", "p50 ms", "p99 ms", "max ms", "seen", "expected");
        for (Map.Entry<String, Latencies> entry : List.of(
                Map.entry("incident.enabled=false", offLatency), Map.entry("incident.enabled=true", onLatency))) {
            Latencies latencies = entry.getValue();
            System.out.printf(
                    "%-34s %8d %8d %8d %8d %14d%n",
                    entry.getKey(),
                    latencies.percentile(0.50),
                    latencies.percentile(0.99),
                    latencies.percentile(1.0),
                    latencies.millis().size(),
                    latencies.expected());
        }
        System.out.println("Figures swing by about 25% between runs on a shared 2-core machine: compare the ratios.");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
