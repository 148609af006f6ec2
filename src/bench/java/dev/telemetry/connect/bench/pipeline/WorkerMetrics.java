package dev.telemetry.connect.bench.pipeline;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The worker's own metrics (the worker runs in this JVM) that explain where a hop's time goes: the source's
 * transactions, its producer, the sink's puts and offset commits (each commit fsyncs the file), and the sink
 * consumer's fetches. Kafka's metrics average over a sliding window of about a minute.
 */
final class WorkerMetrics {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private WorkerMetrics() {}

    static String sourceSummary(String connector) {
        String task = "connector=" + quote(connector) + ",task=0";
        String producer = "client-id=connector-producer-" + connector + "-0";
        return String.join(
                System.lineSeparator(),
                "  source task: "
                        + read(
                                "kafka.connect:type=source-task-metrics," + task,
                                "transaction-size-avg",
                                "transaction-size-max",
                                "poll-batch-avg-time-ms",
                                "source-record-write-rate"),
                "  source commits (transaction): "
                        + read(
                                "kafka.connect:type=connector-task-metrics," + task,
                                "offset-commit-avg-time-ms",
                                "offset-commit-max-time-ms"),
                "  source producer: "
                        + read(
                                "kafka.producer:type=producer-metrics," + producer,
                                "record-queue-time-avg",
                                "record-queue-time-max",
                                "request-latency-avg",
                                "request-latency-max",
                                "records-per-request-avg",
                                "request-rate"));
    }

    static String sinkSummary(String connector) {
        String task = "connector=" + quote(connector) + ",task=0";
        String consumer = "client-id=connector-consumer-" + connector + "-0";
        return String.join(
                System.lineSeparator(),
                "  sink task: "
                        + read(
                                "kafka.connect:type=sink-task-metrics," + task,
                                "put-batch-avg-time-ms",
                                "put-batch-max-time-ms",
                                "sink-record-read-rate"),
                "  sink commits (preCommit, fsync): "
                        + read(
                                "kafka.connect:type=connector-task-metrics," + task,
                                "offset-commit-avg-time-ms",
                                "offset-commit-max-time-ms",
                                "batch-size-avg"),
                "  sink consumer: "
                        + read(
                                "kafka.consumer:type=consumer-fetch-manager-metrics," + consumer,
                                "fetch-latency-avg",
                                "fetch-latency-max",
                                "fetch-rate",
                                "records-per-request-avg"));
    }

    /**
     * The broker's request errors (e.g. {@code CONCURRENT_TRANSACTIONS}, answered while the previous transaction's
     * markers are still being written) as counts since it started, keyed {@code request/error}.
     */
    static Map<String, Long> brokerErrors() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (ObjectName name :
                    SERVER.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=ErrorsPerSec,*"), null)) {
                String error = name.getKeyProperty("error");
                if (!"NONE".equals(error)) {
                    counts.put(name.getKeyProperty("request") + "/" + error, (Long) SERVER.getAttribute(name, "Count"));
                }
            }
        } catch (Exception e) {
            counts.put("unavailable: " + e.getMessage(), 0L);
        }
        return counts;
    }

    /** The broker's errors between two {@link #brokerErrors()} snapshots, and its time per transactional request. */
    static String brokerSummary(Map<String, Long> before, Map<String, Long> after) {
        List<String> errors = new ArrayList<>();
        after.forEach((key, count) -> {
            long delta = count - before.getOrDefault(key, 0L);
            if (delta > 0) {
                errors.add(key + "=" + delta);
            }
        });
        List<String> times = new ArrayList<>();
        for (String request : List.of("Produce", "EndTxn", "WriteTxnMarkers", "Fetch")) {
            times.add(request + " "
                    + read(
                            "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=" + request,
                            "Mean",
                            "99thPercentile"));
        }
        return String.join(
                System.lineSeparator(),
                "  broker errors during the rate: " + (errors.isEmpty() ? "none" : String.join(", ", errors)),
                "  broker request time ms (since start): " + String.join("; ", times));
    }

    /** Connect quotes a connector name that ObjectName would not take bare. */
    private static String quote(String name) {
        return name.matches("[A-Za-z0-9._-]*") ? name : ObjectName.quote(name);
    }

    private static String read(String name, String... attributes) {
        List<String> values = new ArrayList<>();
        try {
            ObjectName objectName = new ObjectName(name);
            for (String attribute : attributes) {
                Object value = SERVER.getAttribute(objectName, attribute);
                values.add(attribute + "="
                        + (value instanceof Double d ? String.format("%.1f", d) : String.valueOf(value)));
            }
        } catch (Exception e) {
            values.add("unavailable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return String.join(", ", values);
    }
}
