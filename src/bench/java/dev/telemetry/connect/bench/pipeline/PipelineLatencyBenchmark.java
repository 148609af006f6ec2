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
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The whole pipeline from the shipped config files (the source with its classify, stamp and route chain, and the file
 * alert sink) on one worker, at fixed event rates. For each rate it prints the events and alerts per second, and the
 * latency percentiles of every alert: event time to {@code processed_at} (the source task's transforms), and event
 * time to the moment its line appears in the alert file (the whole path through Kafka and the sink; the file is read
 * every 5 ms, which bounds the resolution). Arguments: {@code seconds rate...} (default 20 1000 5000).
 */
public final class PipelineLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 5;

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
                rows.add(runAt(rest, dir, "run" + run + ".", rate, seconds));
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
        System.out.printf(
                "%10s %12s %10s | %-37s | %-37s%n",
                "target/s",
                "emitted/s",
                "alerts/s",
                "event -> processed_at p50/p95/p99/max",
                "event -> in alert file p50/p95/p99/max");
        rows.forEach(System.out::println);
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    private static String runAt(RestClient rest, Path dir, String prefix, int rate, int seconds) throws Exception {
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
        return String.format(
                "%,10d %,12.0f %,10.1f | %-37s | %-37s",
                rate, maxSeqSum / elapsed, alerts / elapsed, percentiles(transformLatency), percentiles(endToEnd));
    }

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
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(
                "%d / %d / %d / %d (n=%d)",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size());
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
