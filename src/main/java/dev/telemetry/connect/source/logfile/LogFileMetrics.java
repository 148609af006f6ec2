package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.common.metrics.Counter;
import dev.telemetry.connect.common.metrics.Distribution;
import dev.telemetry.connect.common.metrics.Level;
import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a {@link LogFileSourceTask} measures. */
public final class LogFileMetrics {

    public static final MetricDefinition RECORDS_EMITTED = MetricDefinition.meter(
            "records-emitted", "records", "Records made from this file and returned to the worker", "file");
    public static final MetricDefinition BYTES_READ =
            MetricDefinition.counter("bytes-read", "bytes", "Bytes read from this file", "file");
    public static final MetricDefinition READ_LAG = MetricDefinition.gauge(
            "read-lag-bytes",
            "bytes",
            "How far the read position trails this file's size, as of the task's last read of it (0 once read to its "
                    + "end or released)",
            "file");
    public static final MetricDefinition FILES_TAILED = MetricDefinition.gauge(
            "files-tailed", "files", "Files this task tracks, open or waiting to be reopened when they change");
    public static final MetricDefinition FILES_OPEN =
            MetricDefinition.gauge("files-open", "files", "Files this task holds an open handle of");
    public static final MetricDefinition LINES_TRUNCATED = MetricDefinition.counter(
            "lines-truncated", "events", "Events cut at max.event.bytes (their record says truncated=true)");

    public static final MetricDefinition ROTATIONS = MetricDefinition.counter(
            "rotations",
            "rotations",
            "Rotations followed: a tracked file found under a new name (rename), or truncated or rewritten in place "
                    + "(copytruncate) and read again from its start");

    public static final MetricDefinition PARSE_ERRORS = MetricDefinition.counter(
            "parse-errors",
            "events",
            "Events whose record has a parse_error, by reason: format (not JSON, not logfmt, or not matching the "
                    + "regex), parser_failed (the parser threw on the text), container_wrapper (the line has no valid "
                    + "container wrapper), timestamp (it does not parse as timestamp.format: the read time was used). "
                    + "Events left out by include.lines or exclude.lines are not parsed, and not counted",
            "reason");

    public static final List<MetricDefinition> ALL = List.of(
            RECORDS_EMITTED, BYTES_READ, READ_LAG, FILES_TAILED, FILES_OPEN, LINES_TRUNCATED, ROTATIONS, PARSE_ERRORS);

    private final PluginMetricSet metrics;
    private final Level filesTailed;
    private final Level filesOpen;
    private final Counter linesTruncated;
    private final Counter rotations;
    private final Counter[] parseErrors = new Counter[ParseErrorReason.values().length];
    /** The file holding each tag now. */
    private final Map<String, PerFile> registered = new HashMap<>();

    LogFileMetrics(PluginMetricSet metrics) {
        this.metrics = metrics;
        filesTailed = metrics.level(FILES_TAILED);
        filesOpen = metrics.level(FILES_OPEN);
        linesTruncated = metrics.counter(LINES_TRUNCATED);
        rotations = metrics.counter(ROTATIONS);
        for (ParseErrorReason reason : ParseErrorReason.values()) {
            parseErrors[reason.ordinal()] = metrics.counter(PARSE_ERRORS, reason.tag());
        }
    }

    /**
     * The metrics of a file, registered when the task starts tracking it. A file rotated away keeps the tag of the
     * path it was opened under until a new file is opened under that path: the new one takes the tag over (its counts
     * start again at 0), and the rotated one goes on counting unregistered until it is read to its end.
     */
    PerFile track(String file) {
        PerFile previous = registered.remove(file);
        if (previous != null) {
            unregister(file);
        }
        PerFile tracked = new PerFile(
                file,
                metrics.meter(RECORDS_EMITTED, file),
                metrics.counter(BYTES_READ, file),
                metrics.level(READ_LAG, file));
        registered.put(file, tracked);
        return tracked;
    }

    /** Unregisters the metrics of a file the task no longer tracks, unless a newer file holds its tag now. */
    void untrack(PerFile file) {
        if (registered.remove(file.file(), file)) {
            unregister(file.file());
        }
    }

    private void unregister(String file) {
        metrics.remove(RECORDS_EMITTED, file);
        metrics.remove(BYTES_READ, file);
        metrics.remove(READ_LAG, file);
    }

    void files(int tailed, int open) {
        filesTailed.set(tailed);
        filesOpen.set(open);
    }

    void truncated() {
        linesTruncated.increment();
    }

    void rotated() {
        rotations.increment();
    }

    void rotated(long times) {
        rotations.add(times);
    }

    void parseError(ParseErrorReason reason) {
        parseErrors[reason.ordinal()].increment();
    }

    /** A tracked file's counts; {@code file} is the path it was first opened under. */
    record PerFile(String file, Distribution emitted, Counter bytesRead, Level readLag) {}
}
