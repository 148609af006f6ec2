package dev.telemetry.connect.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The whole pipeline from the shipped config files (the source with its classify, stamp and route chain, and the file
 * alert sink) on one worker, at fixed event rates. For each rate it prints the events and alerts per second, and the
 * latency percentiles of every alert: event time to {@code processed_at} (the source task's transforms), and event
 * time to the moment its line appears in the alert file (the whole path through Kafka and the sink; the file is read
 * every 5 ms, which bounds the resolution). The whole path is broken into the hops the alert line's own timestamps
 * mark: event time to {@code processed_at} (the source task), {@code processed_at} to the line in the file (producer,
 * transaction commit, broker, the sink's fetch, batching and write), and the record's Kafka timestamp less its event
 * time (the source sets the timestamp, so this shows whether it is the event time or a later one). Before each rate
 * Kafka's own {@code EndToEndLatency} (acks=all, 200-byte records, one at a time, its own JVM) runs against the same
 * broker, and the ratio of the pipeline's event to alert p99 to its p99 is printed. Arguments: {@code seconds rate...}
 * (default 20 1000 5000).
 */
public final class PipelineLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 5;
    private static final int END_TO_END_MESSAGES = 1_000;
    /** EndToEndLatency's summary: "Percentiles: 50th = 1, 99th = 11, 99.9th = 15". */
    private static final Pattern PERCENTILES =
            Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Integer> rates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates = List.of(1_000, 5_000);
        }
        Path dir = Files.createTempDirectory("pipeline-bench");
        EmbeddedConnectCluster connect = ConnectClusters.start("pipeline-bench", 1, Map.of());
        List<String> rows = new ArrayList<>();
        try {
            RestClient rest = new RestClient(connect.endpointForResource(""));
            int run = 0;
            for (int rate : rates) {
                run++;
                EndToEnd baseline = endToEndLatency(connect, "run" + run + ".e2e");
                rows.add(runAt(rest, dir, "run" + run + ".", rate, seconds, baseline));
            }
        } finally {
            connect.stop();
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
        System.out.println();
        System.out.printf(
                "Pipeline: shipped source + classify/stamp/route chain + file alert sink, 1 broker + 1 worker, "
                        + "loopback, %d s per rate; latencies in ms%n",
                seconds);
        System.out.println("p50 / p95 / p99 / max per hop; EndToEndLatency: Kafka's produce -> consume, acks=all, "
                + END_TO_END_MESSAGES + " records of 200 B, just before the rate, same broker");
        rows.forEach(System.out::println);
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    private static String runAt(RestClient rest, Path dir, String prefix, int rate, int seconds, EndToEnd baseline)
            throws Exception {
        Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
        String sourceName = prefix + source.remove("name");
        source.put("rate.per.second", String.valueOf(rate));
        source.put("topic.metrics", prefix + "raw_data");
        source.put("topic.logs", prefix + "application_logs");
        source.put("topic.events", prefix + "user_events");
        // A high anomaly rate gives enough alerts for stable percentiles.
        source.put("anomaly.rate", "0.2");
        Path alertFile = dir.resolve(prefix + "alerts.jsonl");
        Map<String, String> sink = ConfigFiles.load("alert-sink-file.properties");
        String sinkName = prefix + sink.remove("name");
        sink.put("topics", prefix + "raw_data," + prefix + "application_logs," + prefix + "user_events");
        sink.put("file.path", alertFile.toString());
        sink.put("errors.deadletterqueue.topic.name", prefix + "alerts-dlq");

        put(rest, sinkName, sink);
        long start = System.currentTimeMillis();
        put(rest, sourceName, source);
        List<Long> transformLatency = new ArrayList<>();
        List<Long> processedToFile = new ArrayList<>();
        List<Long> recordTimestampLag = new ArrayList<>();
        List<Long> endToEnd = new ArrayList<>();
        long alerts = 0;
        long maxSeqSum = 0;
        long end = start + seconds * 1000L;
        try (FileTail tail = new FileTail(alertFile)) {
            while (System.currentTimeMillis() < end) {
                long seen = System.currentTimeMillis();
                for (String line : tail.newLines()) {
                    JsonNode alert = JSON.readTree(line);
                    long eventTime =
                            Instant.parse(alert.get("event_time").asText()).toEpochMilli();
                    long processed =
                            Instant.parse(alert.get("processed_time").asText()).toEpochMilli();
                    transformLatency.add(processed - eventTime);
                    processedToFile.add(seen - processed);
                    JsonNode recordTimestamp = alert.at("/record/timestamp");
                    if (recordTimestamp.isTextual()) {
                        recordTimestampLag.add(
                                Instant.parse(recordTimestamp.asText()).toEpochMilli() - eventTime);
                    }
                    endToEnd.add(seen - eventTime);
                    alerts++;
                }
                Thread.sleep(POLL_MS);
            }
        }
        JsonNode status = rest.get("connectors/" + sourceName + "/offsets").json();
        for (JsonNode offset : status.get("offsets")) {
            maxSeqSum += offset.at("/offset/seq").asLong() + 1;
        }
        rest.delete("connectors/" + sourceName);
        rest.delete("connectors/" + sinkName);
        double elapsed = (System.currentTimeMillis() - start) / 1000.0;
        long pipelineP99 = endToEnd.isEmpty() ? 0 : at(sorted(endToEnd), 0.99);
        return String.join(
                System.lineSeparator(),
                String.format(
                        "target %,d events/s: emitted %,.0f events/s, %,.1f alerts/s",
                        rate, maxSeqSum / elapsed, alerts / elapsed),
                "  event -> processed_at (source task)      " + percentiles(transformLatency),
                "  processed_at -> line in alert file       " + percentiles(processedToFile),
                "  record timestamp - event time            " + percentiles(recordTimestampLag),
                "  event -> line in alert file (whole path) " + percentiles(endToEnd),
                String.format(
                        "  EndToEndLatency avg %.1f ms, p50 %d / p99 %d / p99.9 %d; pipeline p99 / EndToEndLatency p99 ="
                                + " %.1fx",
                        baseline.average,
                        baseline.p50,
                        baseline.p99,
                        baseline.p999,
                        pipelineP99 / (double) Math.max(1, baseline.p99)));
    }

    /** Runs Kafka's EndToEndLatency in a child JVM (its main may exit the JVM) and reads its summary. */
    private static EndToEnd endToEndLatency(EmbeddedConnectCluster connect, String topic) throws Exception {
        connect.kafka().createTopic(topic, 1);
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.apache.kafka.tools.EndToEndLatency",
                        connect.kafka().bootstrapServers(),
                        topic,
                        String.valueOf(END_TO_END_MESSAGES),
                        "all",
                        "200")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("EndToEndLatency failed:\n" + output);
        }
        Matcher percentiles = PERCENTILES.matcher(output);
        Matcher average = AVERAGE.matcher(output);
        if (!percentiles.find() || !average.find()) {
            throw new IllegalStateException("No summary in EndToEndLatency's output:\n" + output);
        }
        return new EndToEnd(
                Double.parseDouble(average.group(1)),
                Long.parseLong(percentiles.group(1)),
                Long.parseLong(percentiles.group(2)),
                Long.parseLong(percentiles.group(3)));
    }

    private record EndToEnd(double average, long p50, long p99, long p999) {}

    private static void put(RestClient rest, String name, Map<String, String> config) {
        RestClient.Response response = rest.put("connectors/" + name + "/config", config);
        if (response.status() != 200 && response.status() != 201) {
            throw new IllegalStateException("Cannot create " + name + ": " + response.body());
        }
    }

    private static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "no alerts";
        }
        List<Long> sorted = sorted(values);
        return String.format(
                "%d / %d / %d / %d (n=%d)",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    private static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    /** Reads the complete lines appended to a file since the last call. */
    private static final class FileTail implements AutoCloseable {
        private final Path path;
        private RandomAccessFile file;
        private final StringBuilder partial = new StringBuilder();

        FileTail(Path path) {
            this.path = path;
        }

        List<String> newLines() throws IOException {
            if (file == null) {
                if (!Files.exists(path)) {
                    return List.of();
                }
                file = new RandomAccessFile(path.toFile(), "r");
            }
            byte[] buffer = new byte[(int) Math.max(0, file.length() - file.getFilePointer())];
            file.readFully(buffer);
            partial.append(new String(buffer, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.add(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
