package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.schema.TelemetryStream;
import dev.telemetry.connect.source.TelemetrySourceConnector;
import dev.telemetry.connect.source.generator.TelemetryGenerator;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Records per second of one TelemetrySourceConnector task in a real worker, beside Kafka's own
 * FileStreamSourceConnector reading a file of the same records on the same worker, beside the trivial source (one
 * task returning ready-made values of the same JSON size through the same converter: the ceiling of one Connect source
 * task), and beside Kafka's
 * ProducerPerformance (its own JVM, default producer settings, acks=all) sending records of the same size to the same
 * broker. Each is run once to warm up, then {@code repetitions} times; the table shows the median, the spread and the
 * ratios. The TelemetrySourceConnector runs with its plugin metrics on (the worker's registry, KIP-877) and off
 * ({@link MetricsOffTelemetrySourceConnector}), taking turns, for the cost of the metrics.
 *
 * <p>A connector run is timed from the connector's creation until the topics' end offsets hold every record, polled
 * every 20 ms; ProducerPerformance reports its own rate. Arguments: {@code recordsPerStream repetitions}
 * (default 200000 3: 1.2 million records a run; with 300,000 a run lasts about 2 s, and start-up blurs the ratios).
 */
public final class SourceThroughputBenchmark {

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";
    /** ProducerPerformance's lines: "N records sent, X records/sec (...)". */
    private static final Pattern SUMMARY = Pattern.compile("\\d+ records sent, ([\\d.]+) records/sec");

    private static final String TELEMETRY = "TelemetrySourceConnector (1 task)";
    private static final String TELEMETRY_METRICS_OFF = "  the same, plugin metrics off";

    private final EmbeddedConnectCluster connect;
    private final RestClient rest;
    private final Admin admin;
    private int runs;
    /** Records the last run produced; set by each run. */
    private long lastRecords;

    private SourceThroughputBenchmark(EmbeddedConnectCluster connect) {
        this.connect = connect;
        this.rest = new RestClient(connect.endpointForResource(""));
        this.admin = connect.kafka().createAdminClient();
    }

    public static void main(String[] args) throws Exception {
        int perStream = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int total = perStream * TelemetryStream.values().length;
        Path file = Files.createTempFile("telemetry-bench", ".jsonl");
        // Class-path scanning finds the ready-made connector of the benchmarks, which no service file lists.
        EmbeddedConnectCluster connect =
                ConnectClusters.start("source-bench", 1, Map.of("plugin.discovery", "hybrid_warn"));
        try {
            long bytes = writeRecords(file, perStream);
            int recordSize = (int) (bytes / total);
            SourceThroughputBenchmark bench = new SourceThroughputBenchmark(connect);
            Map<String, List<Double>> results = new LinkedHashMap<>();
            List<List<Double>> onOff = bench.measureTakingTurns(
                    repetitions, () -> bench.telemetry(perStream, true), () -> bench.telemetry(perStream, false));
            results.put(TELEMETRY, onOff.get(0));
            results.put(TELEMETRY_METRICS_OFF, onOff.get(1));
            results.put(
                    "FileStreamSourceConnector (1 task)",
                    bench.measure(repetitions, () -> bench.fileStream(file, total)));
            results.put(
                    "ready-made records (1 task, ceiling)",
                    bench.measure(repetitions, () -> bench.readyMade(total, recordSize)));
            results.put("ProducerPerformance, acks=all", bench.producerPerformance(repetitions, total, recordSize));
            print(results, total, recordSize, repetitions);
            bench.admin.close();
        } finally {
            connect.stop();
            Files.deleteIfExists(file);
        }
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /**
     * One warm-up run of each, then the measured ones taking turns, so that the machine's load weighs on both alike;
     * records per second of each.
     */
    private List<List<Double>> measureTakingTurns(int repetitions, LongSupplier first, LongSupplier second) {
        first.getAsLong();
        second.getAsLong();
        List<Double> firstRates = new ArrayList<>();
        List<Double> secondRates = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            firstRates.add(lastRecords * 1000.0 / first.getAsLong());
            secondRates.add(lastRecords * 1000.0 / second.getAsLong());
        }
        return List.of(firstRates, secondRates);
    }

    /** One warm-up run, then the measured ones; records per second of each. */
    private List<Double> measure(int repetitions, LongSupplier runMillisForRecords) {
        runMillisForRecords.getAsLong();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            rates.add(lastRecords * 1000.0 / runMillisForRecords.getAsLong());
        }
        return rates;
    }

    /** A run of the generator with its plugin metrics (as a 4.1+ worker gives them) or without. */
    private long telemetry(int perStream, boolean metrics) {
        String prefix = "tel" + (++runs) + ".";
        Map<String, String> config = new HashMap<>();
        config.put(
                "connector.class",
                metrics
                        ? TelemetrySourceConnector.class.getName()
                        : MetricsOffTelemetrySourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("rate.per.second", "0");
        config.put("max.records", String.valueOf(perStream));
        config.put("max.batch.size", "2000");
        config.put("topic.metrics", prefix + "raw_data");
        config.put("topic.logs", prefix + "application_logs");
        config.put("topic.events", prefix + "user_events");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        lastRecords = (long) perStream * TelemetryStream.values().length;
        return timeConnector(
                prefix + "source",
                config,
                lastRecords,
                prefix + "raw_data",
                prefix + "application_logs",
                prefix + "user_events");
    }

    private long fileStream(Path file, int total) {
        String topic = "file" + (++runs);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector");
        config.put("tasks.max", "1");
        config.put("file", file.toString());
        config.put("topic", topic);
        config.put("batch.size", "2000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", STRING_CONVERTER);
        lastRecords = total;
        return timeConnector(topic, config, total, topic);
    }

    /**
     * The trivial source: one task returning ready-made string values, 2,000 a poll, through the telemetry source's
     * converter (JsonConverter without schemas), each as many JSON bytes as a telemetry record.
     */
    private long readyMade(int total, int recordSize) {
        String topic = "ready" + (++runs);
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ReadyMadeSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put(ReadyMadeSourceConnector.TOPIC, topic);
        config.put(ReadyMadeSourceConnector.RECORDS, String.valueOf(total));
        // JSON adds the two quotes.
        config.put(ReadyMadeSourceConnector.VALUE_CHARS, String.valueOf(recordSize - 2));
        config.put(ReadyMadeSourceConnector.KEY, "web");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", JSON_CONVERTER);
        config.put("value.converter.schemas.enable", "false");
        lastRecords = total;
        return timeConnector(topic, config, total, topic);
    }

    /** Runs Kafka's ProducerPerformance in a child JVM (its main exits the JVM) and reads its summary line. */
    private List<Double> producerPerformance(int repetitions, int total, int recordSize) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i <= repetitions; i++) {
            String topic = "producer" + (++runs);
            connect.kafka().createTopic(topic, 1);
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx512m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            "org.apache.kafka.tools.ProducerPerformance",
                            "--topic",
                            topic,
                            "--num-records",
                            String.valueOf(total),
                            "--record-size",
                            String.valueOf(recordSize),
                            "--throughput",
                            "-1",
                            "--producer-props",
                            "bootstrap.servers=" + connect.kafka().bootstrapServers(),
                            "acks=all")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("ProducerPerformance failed:\n" + output);
            }
            // Progress lines have the same form; the summary is the last one.
            Matcher line = SUMMARY.matcher(output);
            String rate = null;
            while (line.find()) {
                rate = line.group(1);
            }
            if (rate == null) {
                throw new IllegalStateException("No summary line in ProducerPerformance's output:\n" + output);
            }
            // The first run warms the broker up and is left out.
            if (i > 0) {
                rates.add(Double.parseDouble(rate));
            }
        }
        return rates;
    }

    private long timeConnector(String name, Map<String, String> config, long expected, String... topics) {
        long start = System.nanoTime();
        RestClient.Response created = rest.put("connectors/" + name + "/config", config);
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("Cannot create " + name + ": " + created.body());
        }
        awaitEndOffsets(expected, topics);
        long millis = (System.nanoTime() - start) / 1_000_000;
        rest.delete("connectors/" + name);
        return millis;
    }

    private void awaitEndOffsets(long expected, String... topics) {
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                Set<String> existing = admin.listTopics().names().get();
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                for (String topic : topics) {
                    if (existing.contains(topic)) {
                        admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get()
                                .get(topic)
                                .partitions()
                                .forEach(p ->
                                        request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    }
                }
                long sum = 0;
                for (var info : admin.listOffsets(request).all().get().values()) {
                    sum += info.offset();
                }
                if (sum >= expected) {
                    return;
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot read end offsets of " + List.of(topics), e);
            }
        }
        throw new IllegalStateException("Topics " + List.of(topics) + " never reached " + expected + " records");
    }

    /** Writes the records the source emits, as JSON lines; returns the bytes written (without newlines). */
    private static long writeRecords(Path file, int perStream) throws Exception {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), false);
        TelemetryGenerator generator = new TelemetryGenerator(42, 0.02);
        long bytes = 0;
        long now = System.currentTimeMillis();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long seq = 0; seq < perStream; seq++) {
                for (TelemetryStream stream : TelemetryStream.values()) {
                    Struct value = generator.generate(stream, seq, now).value();
                    String line =
                            new String(converter.fromConnectData("t", value.schema(), value), StandardCharsets.UTF_8);
                    bytes += line.length();
                    out.write(line);
                    out.write('\n');
                }
            }
        }
        return bytes;
    }

    private static void print(Map<String, List<Double>> results, int total, int recordSize, int repetitions) {
        double telemetry = median(results.get(TELEMETRY));
        System.out.println();
        System.out.printf(
                "Source throughput: %,d records of ~%d B (JSON, schemas off) per run, 1 broker + 1 worker, "
                        + "loopback; median of %d runs after a warm-up%n",
                total, recordSize, repetitions);
        System.out.printf(
                "%-38s %14s %10s %18s %22s%n",
                "what", "records/s", "MB/s", "spread (min-max)", "TelemetrySource / this");
        results.forEach((name, rates) -> {
            double median = median(rates);
            System.out.printf(
                    "%-38s %,14.0f %10.1f %8.0f-%-9.0f %22.2f%n",
                    name,
                    median,
                    median * recordSize / 1e6,
                    Collections.min(rates),
                    Collections.max(rates),
                    telemetry / median);
        });
        List<Double> on = results.get(TELEMETRY);
        List<Double> off = results.get(TELEMETRY_METRICS_OFF);
        System.out.printf(
                "Plugin metrics: records/s on / off %.3f (medians; below 1 is their cost); per turn %s%n",
                telemetry / median(off),
                IntStream.range(0, on.size())
                        .mapToObj(i -> String.format("%.3f", on.get(i) / off.get(i)))
                        .toList());
        System.out.println("Figures swing by about 25% between runs on a shared 2-core machine: compare the ratios.");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
