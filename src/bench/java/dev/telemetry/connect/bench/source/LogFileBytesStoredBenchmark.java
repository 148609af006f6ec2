package dev.telemetry.connect.bench.source;

import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ConnectClusters;
import dev.telemetry.connect.testkit.RestClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Bytes the logs topic stores per event, against the bytes of the tailed file, for each producer compression: the
 * shipped {@code config/log-file-source.properties} (values with their schema, the classify and stamp chain, 256 KiB
 * batches) on a file of Log4j lines with the log4j preset, once per {@code compression.type}, in one run on one worker
 * and broker. The size is the partition's log as the broker reports it ({@code describeLogDirs}: segments, without
 * indexes); records/s is timed from the connector's creation to the topic's end offset holding every line, and given
 * relative to the run without compression. Arguments: {@code fileMiB rounds} (default 32 2): each compression runs
 * once to warm up, then {@code rounds} times in rotated order, and the median time is shown.
 */
public final class LogFileBytesStoredBenchmark {

    private static final List<String> COMPRESSIONS = List.of("none", "lz4", "zstd");

    private LogFileBytesStoredBenchmark() {}

    public static void main(String[] args) throws Exception {
        int fileMiB = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path dir = Files.createTempDirectory("log-bytes-bench");
        Path file = dir.resolve("shop.log");
        EmbeddedConnectCluster connect = ConnectClusters.start("log-bytes-bench", 1, Map.of());
        try (Admin admin = connect.kafka().createAdminClient()) {
            long lines = LogFileSourceBenchmark.writeLog4jLines(file, fileMiB * 1024L * 1024L);
            long fileBytes = Files.size(file);
            RestClient rest = new RestClient(connect.endpointForResource(""));
            Map<String, List<Long>> millis = new LinkedHashMap<>();
            Map<String, Long> stored = new LinkedHashMap<>();
            int run = 0;
            for (String compression : COMPRESSIONS) {
                runOnce(rest, admin, file, lines, compression, ++run);
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < COMPRESSIONS.size(); i++) {
                    String compression = COMPRESSIONS.get((i + round) % COMPRESSIONS.size());
                    long[] result = runOnce(rest, admin, file, lines, compression, ++run);
                    millis.computeIfAbsent(compression, c -> new ArrayList<>()).add(result[0]);
                    stored.put(compression, result[1]);
                }
            }
            System.out.printf(
                    "%nBytes stored: %,d Log4j lines, %.1f MiB (%.1f B a line), shipped log-file config (schemas, "
                            + "classify + stamp, 256 KiB batches), log4j preset; median of %d runs; %s, load "
                            + "average %.1f at the end%n",
                    lines,
                    fileBytes / 1048576.0,
                    fileBytes / (double) lines,
                    rounds,
                    java.time.Instant.now(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(
                    "%-12s %12s %10s %14s %12s %14s%n",
                    "compression", "records/s", "/none", "stored MiB", "B/event", "stored/file");
            double noneRate = lines * 1000.0 / median(millis.get("none"));
            for (String compression : COMPRESSIONS) {
                double rate = lines * 1000.0 / median(millis.get(compression));
                long bytes = stored.get(compression);
                System.out.printf(
                        "%-12s %,12.0f %10.2f %14.1f %12.1f %14.2f  (runs ms: %s)%n",
                        compression,
                        rate,
                        rate / noneRate,
                        bytes / 1048576.0,
                        bytes / (double) lines,
                        bytes / (double) fileBytes,
                        millis.get(compression));
            }
        } finally {
            connect.stop();
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        // The embedded cluster leaves non-daemon threads behind.
        System.exit(0);
    }

    /** Milliseconds until the topic holds every line, and the bytes of its log then. */
    private static long[] runOnce(RestClient rest, Admin admin, Path file, long lines, String compression, int run)
            throws Exception {
        String topic = "bytes-" + compression + "-" + run;
        Map<String, String> config = ConfigFiles.load("log-file-source.properties");
        config.remove("name");
        config.put("files", file.toString());
        config.put("topic.logs", topic);
        config.put("regex.preset", "log4j");
        config.put("multiline.pattern", "");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("producer.override.compression.type", compression);
        long start = System.nanoTime();
        RestClient.Response created = rest.put("connectors/" + topic + "/config", config);
        if (created.status() != 201 && created.status() != 200) {
            throw new IllegalStateException("Cannot create " + topic + ": " + created.body());
        }
        TopicPartition partition = new TopicPartition(topic, 0);
        long deadline = System.currentTimeMillis() + 1_800_000;
        while (endOffset(admin, partition) < lines) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(topic + " never reached " + lines + " records");
            }
            Thread.sleep(20);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        rest.delete("connectors/" + topic);
        return new long[] {elapsed, logBytes(admin, partition)};
    }

    private static long endOffset(Admin admin, TopicPartition partition) throws Exception {
        if (!admin.listTopics().names().get().contains(partition.topic())) {
            return -1;
        }
        return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                .all()
                .get()
                .get(partition)
                .offset();
    }

    private static long logBytes(Admin admin, TopicPartition partition) throws Exception {
        long bytes = 0;
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(
                        admin.describeCluster().nodes().get().stream()
                                .map(node -> node.id())
                                .toList())
                .allDescriptions()
                .get();
        for (Map<String, LogDirDescription> byPath : dirs.values()) {
            for (LogDirDescription description : byPath.values()) {
                ReplicaInfo replica = description.replicaInfos().get(partition);
                if (replica != null) {
                    bytes += replica.size();
                }
            }
        }
        return bytes;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
