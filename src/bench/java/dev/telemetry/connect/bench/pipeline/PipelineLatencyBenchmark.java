package dev.telemetry.connect.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.testkit.AlertmanagerProcess;
import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * The whole pipeline from the shipped config files (the source with its classify and stamp chain, exactly-once, and
 * an alert sink reading the stream topics read_committed) on one worker configured as
 * {@code config/connect-distributed.properties}, at fixed event rates, to the file, webhook or Alertmanager
 * destination. For each rate it prints the events and alerts per second and the latency percentiles of every alert,
 * hop by hop: event time to {@code processed_time} (the source task's transforms); {@code processed_time} to the
 * moment its record became visible to a read_committed consumer (producer, transaction commit, broker), seen by a
 * consumer of the benchmark's own ({@link CommittedVisibility}); and from then to the alert's arrival (the sink's fetch,
 * filter, batching and write or request). The file is read every 5 ms, which bounds that resolution; the HTTP
 * destinations go to a local receiver ({@link AlertReceiver}) that notes each request's arrival, passing Alertmanager
 * requests on to a real Alertmanager when it is installed. Before each rate Kafka's own {@code EndToEndLatency}
 * (acks=all, 200-byte records, one at a time, its own JVM) runs against the same broker, and the ratio of the
 * pipeline's event to alert p99 to its p99 is printed, with the worker's own metrics for the source's transactions and
 * the sink. Alerts of events from the first {@link #START_UP_MS} of each run, while its fresh connectors start, are
 * reported on a line of their own. Arguments: {@code seconds rate... [file] [webhook] [alertmanager] [worker.KEY=VALUE]
 * [broker.KEY=VALUE] [source.KEY=VALUE] [sink.KEY=VALUE]} (default {@code 20 1000 5000 file}); the overrides change
 * the shipped broker, worker, source or sink config, for an experiment, and are printed with the results. A warm-up
 * run at the highest rate comes first.
 */
public final class PipelineLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MS = 5;
    /**
     * Alerts of events from the first seconds of each run are reported apart: the connectors are starting then (task
     * start, producer and consumer group set-up, first fetches of fresh topics), which is not the steady state.
     */
    private static final long START_UP_MS = 5_000;

    private static final int END_TO_END_MESSAGES = 1_000;
    /** EndToEndLatency's summary: "Percentiles: 50th = 1, 99th = 11, 99.9th = 15". */
    private static final Pattern PERCENTILES =
            Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99\\.9th = (\\d+)");

    private static final Pattern AVERAGE = Pattern.compile("Avg latency: ([0-9.]+) ms");
    private static final List<String> STREAM_TOPICS = List.of("raw_data", "application_logs", "user_events");
    /** Worker settings that only the embedded cluster can set (its broker, its REST port) or that it sets itself. */
    private static final List<String> EMBEDDED_CLUSTER_OWNS = List.of(
            "bootstrap.servers", "listeners", "rest.advertised.host.name", "rest.advertised.port", "plugin.path");

    public static void main(String[] args) throws Exception {
        int seconds = 20;
        List<Integer> rates = new ArrayList<>();
        List<String> destinations = new ArrayList<>();
        boolean secondsRead = false;
        Map<String, String> workerOverrides = new TreeMap<>();
        Map<String, String> brokerSettings = new TreeMap<>(ConfigFiles.load("broker.properties"));
        Map<String, String> sourceOverrides = new TreeMap<>();
        Map<String, String> sinkOverrides = new TreeMap<>();
        for (String arg : args) {
            if (arg.contains("=")) {
                String key = arg.substring(0, arg.indexOf('='));
                String value = arg.substring(arg.indexOf('=') + 1);
                Map<String, String> target = switch (key.substring(0, Math.max(0, key.indexOf('.')))) {
                    case "worker" -> workerOverrides;
                    case "broker" -> brokerSettings;
                    case "source" -> sourceOverrides;
                    case "sink" -> sinkOverrides;
                    default -> null;
                };
                if (target == null) {
                    throw new IllegalArgumentException(
                            "An override is worker.KEY=VALUE, broker.KEY=VALUE, source.KEY=VALUE or "
                                    + "sink.KEY=VALUE, not " + arg);
                }
                target.put(key.substring(key.indexOf('.') + 1), value);
            } else if (!arg.chars().allMatch(Character::isDigit)) {
                destinations.add(arg);
            } else if (!secondsRead) {
                seconds = Integer.parseInt(arg);
                secondsRead = true;
            } else {
                rates.add(Integer.parseInt(arg));
            }
        }
        if (rates.isEmpty()) {
            rates = List.of(1_000, 5_000);
        }
        if (destinations.isEmpty()) {
            destinations = List.of("file");
        }
        Path dir = Files.createTempDirectory("pipeline-bench");
        Map<String, String> workerProps = ConfigFiles.load("connect-distributed.properties");
        EMBEDDED_CLUSTER_OWNS.forEach(workerProps::remove);
        workerProps.putAll(workerOverrides);
        EmbeddedConnectCluster connect = ConnectClusters.start("pipeline-bench", 1, workerProps, brokerSettings);
        String transactionVersion = transactionVersion(connect);
        AlertmanagerProcess alertmanager = null;
        List<String> rows = new ArrayList<>();
        try {
            if (destinations.contains("alertmanager") && Files.isExecutable(AlertmanagerProcess.BINARY)) {
                Path alertmanagerDir = Files.createDirectory(dir.resolve("alertmanager"));
                alertmanager = new AlertmanagerProcess(alertmanagerDir);
                alertmanager.start();
            }
            try (AlertReceiver receiver = new AlertReceiver(alertmanager == null ? null : alertmanager.uri())) {
                RestClient rest = new RestClient(connect.endpointForResource(""));
                // The JIT compiles the paths of the highest rate only once they run: a first run at that rate showed
                // three to five times the p99 of a second one. It runs first and is printed apart.
                String warmUp = new Run(
                                connect,
                                rest,
                                receiver,
                                dir,
                                "warmup.",
                                destinations.get(0),
                                Collections.max(rates),
                                seconds,
                                sourceOverrides,
                                sinkOverrides)
                        .measure(endToEndLatency(connect, "warmup.e2e"));
                rows.add("Warm-up, not a measurement:" + System.lineSeparator()
                        + warmUp.indent(2).stripTrailing());
                int run = 0;
                for (String destination : destinations) {
                    for (int rate : rates) {
                        run++;
                        String prefix = "run" + run + ".";
                        EndToEnd baseline = endToEndLatency(connect, prefix + "e2e");
                        rows.add(new Run(
                                        connect,
                                        rest,
                                        receiver,
                                        dir,
                                        prefix,
                                        destination,
                                        rate,
                                        seconds,
                                        sourceOverrides,
                                        sinkOverrides)
                                .measure(baseline));
                    }
                }
            }
        } finally {
            if (alertmanager != null) {
                alertmanager.stop();
            }
            connect.stop();
            deleteTree(dir);
        }
        System.out.println();
        System.out.printf(
                "Pipeline: shipped worker, source (classify/stamp, exactly-once) and alert sink (read_committed), "
                        + "1 broker + 1 worker, loopback, %d s per rate; latencies in ms%n",
                seconds);
        System.out.println("JVM: " + GcPauses.settings());
        System.out.println("Broker: transaction.version=" + transactionVersion
                + ", config/broker.properties with the overrides: " + brokerSettings);
        if (!sourceOverrides.isEmpty() || !sinkOverrides.isEmpty()) {
            System.out.println(
                    "Overrides of the shipped configs: source " + sourceOverrides + ", sink " + sinkOverrides);
        }
        System.out.println("p50 / p95 / p99 / max per hop; EndToEndLatency: Kafka's produce -> consume, acks=all, "
                + END_TO_END_MESSAGES + " records of 200 B, just before the rate, same broker");
        if (destinations.contains("alertmanager")) {
            System.out.println("Alertmanager: "
                    + (alertmanager == null
                            ? "not installed, a local receiver answered in its place"
                            : "real (" + AlertmanagerProcess.BINARY + ") behind the timestamping receiver"));
        }
        rows.forEach(System.out::println);
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /** One destination at one rate: fresh topics, connectors and alert file, removed again at the end. */
    private record Run(
            EmbeddedConnectCluster connect,
            RestClient rest,
            AlertReceiver receiver,
            Path dir,
            String prefix,
            String destination,
            int rate,
            int seconds,
            Map<String, String> sourceOverrides,
            Map<String, String> sinkOverrides) {

        String measure(EndToEnd baseline) throws Exception {
            Map<String, String> source = ConfigFiles.load("telemetry-source.properties");
            String sourceName = prefix + source.remove("name");
            source.put("rate.per.second", String.valueOf(rate));
            source.put("topic.metrics", prefix + "raw_data");
            source.put("topic.logs", prefix + "application_logs");
            source.put("topic.events", prefix + "user_events");
            // A high anomaly rate gives enough alerts for stable percentiles.
            source.put("anomaly.rate", "0.2");
            source.putAll(sourceOverrides);
            Path alertFile = dir.resolve(prefix + "alerts.jsonl");
            Map<String, String> sink = ConfigFiles.load("alert-sink-" + destination + ".properties");
            String sinkName = prefix + sink.remove("name");
            List<String> topics =
                    STREAM_TOPICS.stream().map(topic -> prefix + topic).toList();
            sink.put("topics", String.join(",", topics));
            sink.put("errors.deadletterqueue.topic.name", prefix + "alerts-dlq");
            // Latency per alert: one alert per record, as before the shipped sinks alerted in incidents.
            sink.put("incident.enabled", "false");
            switch (destination) {
                case "file" -> sink.put("file.path", alertFile.toString());
                case "webhook" -> sink.put("webhook.url", receiver.url(AlertReceiver.WEBHOOK_PATH));
                case "alertmanager" -> sink.put("alertmanager.urls", receiver.baseUrl());
                default -> throw new IllegalArgumentException("Unknown destination " + destination);
            }
            sink.putAll(sinkOverrides);
            // Created before the connectors with the source's own partition count, so that the visibility consumer
            // can be assigned every partition from the start.
            int partitions = Integer.parseInt(source.get("topic.creation.default.partitions"));
            topics.forEach(topic -> connect.kafka().createTopic(topic, partitions));

            List<Delivery> deliveries = new ArrayList<>();
            long start;
            double elapsed;
            long emitted = 0;
            String sourceMetrics;
            String sinkMetrics;
            try (CommittedVisibility visibility =
                            new CommittedVisibility(connect.kafka().bootstrapServers(), topics, partitions);
                    FileTail tail = new FileTail(alertFile);
                    GcPauses gc = new GcPauses()) {
                put(rest, sinkName, sink);
                Map<String, Long> brokerErrorsBefore = WorkerMetrics.brokerErrors();
                start = System.currentTimeMillis();
                put(rest, sourceName, source);
                long end = start + seconds * 1000L;
                receiver.drain();
                while (System.currentTimeMillis() < end) {
                    if (destination.equals("file")) {
                        long seen = System.currentTimeMillis();
                        for (String line : tail.newLines()) {
                            deliveries.add(Delivery.fromAlertJson(JSON.readTree(line), seen));
                        }
                    } else {
                        deliveries.addAll(receiver.drain());
                    }
                    Thread.sleep(POLL_MS);
                }
                JsonNode status =
                        rest.get("connectors/" + sourceName + "/offsets").json();
                for (JsonNode offset : status.get("offsets")) {
                    emitted += offset.at("/offset/seq").asLong() + 1;
                }
                elapsed = (System.currentTimeMillis() - start) / 1000.0;
                sourceMetrics = WorkerMetrics.sourceSummary(sourceName);
                sinkMetrics = WorkerMetrics.sinkSummary(sinkName)
                        + System.lineSeparator()
                        + WorkerMetrics.brokerSummary(brokerErrorsBefore, WorkerMetrics.brokerErrors());
                rest.delete("connectors/" + sourceName);
                rest.delete("connectors/" + sinkName);
                return report(deliveries, visibility, start, emitted / elapsed, deliveries.size() / elapsed, baseline)
                        + System.lineSeparator()
                        + sourceMetrics
                        + System.lineSeparator()
                        + sinkMetrics
                        + System.lineSeparator()
                        + gc.summary();
            }
        }

        private String report(
                List<Delivery> deliveries,
                CommittedVisibility visibility,
                long start,
                double eventsPerSecond,
                double alertsPerSecond,
                EndToEnd baseline) {
            List<Long> eventToProcessed = new ArrayList<>();
            List<Long> processedToVisible = new ArrayList<>();
            List<Long> eventToVisible = new ArrayList<>();
            List<Long> visibleToDelivered = new ArrayList<>();
            List<Long> endToEnd = new ArrayList<>();
            List<Long> startUp = new ArrayList<>();
            int unseen = 0;
            for (Delivery delivery : deliveries) {
                if (delivery.eventTimeMs() < start + START_UP_MS) {
                    startUp.add(delivery.deliveredAtMs() - delivery.eventTimeMs());
                    continue;
                }
                endToEnd.add(delivery.deliveredAtMs() - delivery.eventTimeMs());
                boolean processed = delivery.processedTimeMs() != Delivery.NONE;
                if (processed) {
                    eventToProcessed.add(delivery.processedTimeMs() - delivery.eventTimeMs());
                }
                Long visibleAt = visibility.visibleAt(delivery.id());
                if (visibleAt == null) {
                    unseen++;
                    continue;
                }
                eventToVisible.add(visibleAt - delivery.eventTimeMs());
                if (processed) {
                    processedToVisible.add(visibleAt - delivery.processedTimeMs());
                }
                visibleToDelivered.add(delivery.deliveredAtMs() - visibleAt);
            }
            long pipelineP99 = endToEnd.isEmpty() ? 0 : at(sorted(endToEnd), 0.99);
            // A p99 at 10,000 events/s moves with one stall of a few tens of ms: this says when the slowest were.
            Map<Long, Integer> slowestBySecond = new TreeMap<>();
            for (Delivery delivery : deliveries) {
                long latency = delivery.deliveredAtMs() - delivery.eventTimeMs();
                if (delivery.eventTimeMs() >= start + START_UP_MS && latency >= pipelineP99) {
                    slowestBySecond.merge((delivery.eventTimeMs() - start) / 1000, 1, Integer::sum);
                }
            }
            String arrival = destination.equals("file") ? "line in alert file" : "request at receiver";
            return String.join(
                    System.lineSeparator(),
                    String.format(
                            "%s, target %,d events/s: emitted %,.0f events/s, %,.1f alerts/s",
                            destination, rate, eventsPerSecond, alertsPerSecond),
                    "  event -> processed_time (source task)           " + percentiles(eventToProcessed),
                    "  processed_time -> visible read_committed        " + percentiles(processedToVisible),
                    "  event -> visible read_committed                 " + percentiles(eventToVisible),
                    String.format("  visible -> %-36s %s", arrival, percentiles(visibleToDelivered)),
                    String.format("  event -> %-38s %s", arrival + " (whole path)", percentiles(endToEnd)),
                    String.format(
                            "  first %d s of the run, connectors starting (left out above): %s",
                            START_UP_MS / 1000, percentiles(startUp)),
                    "  slowest 1% (whole path at or above its p99), by second of the run: " + slowestBySecond,
                    unseen == 0 ? "" : "  (" + unseen + " alerts' records not seen by the visibility consumer)",
                    String.format(
                            "  EndToEndLatency avg %.1f ms, p50 %d / p99 %d / p99.9 %d; pipeline p99 / EndToEndLatency"
                                    + " p99 = %.1fx",
                            baseline.average,
                            baseline.p50,
                            baseline.p99,
                            baseline.p999,
                            pipelineP99 / (double) Math.max(1, baseline.p99)));
        }
    }

    /** The transaction protocol the broker runs (2: the partition leader adds partitions to the transaction). */
    private static String transactionVersion(EmbeddedConnectCluster connect) throws Exception {
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", connect.kafka().bootstrapServers()))) {
            var finalized = admin.describeFeatures().featureMetadata().get().finalizedFeatures();
            var version = finalized.get("transaction.version");
            return version == null ? "none finalized" : String.valueOf(version.maxVersionLevel());
        }
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
            return "none";
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

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
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
