package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.List;

/** What a {@link LogFileSourceTask} measures. */
public final class LogFileMetrics {

    public static final MetricDefinition RECORDS_EMITTED = MetricDefinition.meter(
            "records-emitted", "records", "Records made from this file and returned to the worker", "file");
    public static final MetricDefinition BYTES_READ =
            MetricDefinition.counter("bytes-read", "bytes", "Bytes read from this file", "file");
    public static final MetricDefinition FILES_TAILED = MetricDefinition.gauge(
            "files-tailed", "files", "Files this task tracks, open or waiting to be reopened when they change");
    public static final MetricDefinition FILES_OPEN =
            MetricDefinition.gauge("files-open", "files", "Files this task holds an open handle of");
    public static final MetricDefinition LINES_TRUNCATED = MetricDefinition.counter(
            "lines-truncated", "events", "Events cut at max.event.bytes (their record says truncated=true)");

    public static final List<MetricDefinition> ALL =
            List.of(RECORDS_EMITTED, BYTES_READ, FILES_TAILED, FILES_OPEN, LINES_TRUNCATED);

    private final PluginMetricSet metrics;
    private final Level filesTailed;
    private final Level filesOpen;
    private final Counter linesTruncated;

    LogFileMetrics(PluginMetricSet metrics) {
        this.metrics = metrics;
        filesTailed = metrics.level(FILES_TAILED);
        filesOpen = metrics.level(FILES_OPEN);
        linesTruncated = metrics.counter(LINES_TRUNCATED);
    }

    /** The metrics of a file, registered when the task starts tracking it. */
    PerFile track(String file) {
        return new PerFile(file, metrics.meter(RECORDS_EMITTED, file), metrics.counter(BYTES_READ, file));
    }

    /** Unregisters the metrics of a file the task no longer tracks. */
    void untrack(PerFile file) {
        metrics.remove(RECORDS_EMITTED, file.file());
        metrics.remove(BYTES_READ, file.file());
    }

    void files(int tailed, int open) {
        filesTailed.set(tailed);
        filesOpen.set(open);
    }

    void truncated() {
        linesTruncated.increment();
    }

    /** A tracked file's counts; {@code file} is the path it was first opened under. */
    record PerFile(String file, Distribution emitted, Counter bytesRead) {}
}
