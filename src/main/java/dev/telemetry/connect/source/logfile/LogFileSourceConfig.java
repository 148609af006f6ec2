package dev.telemetry.connect.source.logfile;

import dev.telemetry.connect.common.config.RegexListValidator;
import dev.telemetry.connect.common.config.RegexValidator;
import dev.telemetry.connect.common.config.ValuesRecommender;
import dev.telemetry.connect.schema.SharedKeys;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@code LogFileSourceConnector}; every key, default, validator and recommender lives here. */
public class LogFileSourceConfig extends AbstractConfig {

    public static final String FILES_CONFIG = "files";
    public static final String START_POSITION_CONFIG = "start.position";
    public static final String SCAN_INTERVAL_MS_CONFIG = "scan.interval.ms";
    public static final String CLOSE_INACTIVE_MS_CONFIG = "close.inactive.ms";
    public static final String CLEAN_REMOVED_CONFIG = "clean.removed";
    public static final String FINGERPRINT_BYTES_CONFIG = "fingerprint.bytes";
    public static final String FOLLOW_SYMLINKS_CONFIG = "follow.symlinks";
    public static final String MAX_OPEN_FILES_CONFIG = "max.open.files";
    public static final String EXCLUDE_FILES_CONFIG = "exclude.files";
    public static final String IGNORE_OLDER_MS_CONFIG = "ignore.older.ms";

    public static final String MAX_EVENT_BYTES_CONFIG = "max.event.bytes";
    public static final String PARTIAL_LINE_TIMEOUT_MS_CONFIG = "partial.line.timeout.ms";
    public static final String ENCODING_CONFIG = "encoding";
    public static final String INCLUDE_LINES_CONFIG = "include.lines";
    public static final String EXCLUDE_LINES_CONFIG = "exclude.lines";

    public static final String MULTILINE_PATTERN_CONFIG = "multiline.pattern";
    public static final String MULTILINE_NEGATE_CONFIG = "multiline.negate";
    public static final String MULTILINE_MATCH_CONFIG = "multiline.match";
    public static final String MULTILINE_TIMEOUT_MS_CONFIG = "multiline.timeout.ms";
    public static final String MULTILINE_MAX_LINES_CONFIG = "multiline.max.lines";

    public static final String CONTAINER_FORMAT_CONFIG = "container.format";
    public static final String FORMAT_CONFIG = "format";
    public static final String REGEX_PATTERN_CONFIG = "regex.pattern";
    public static final String REGEX_PRESET_CONFIG = "regex.preset";
    public static final String TIMESTAMP_FORMAT_CONFIG = "timestamp.format";
    public static final String TIMESTAMP_ZONE_CONFIG = "timestamp.zone";
    public static final String DEFAULT_LEVEL_CONFIG = "default.level";
    public static final String SERVICE_CONFIG = "service";

    public static final String MAX_BATCH_SIZE_CONFIG = "max.batch.size";
    public static final String MAX_IN_FLIGHT_RECORDS_CONFIG = "max.in.flight.records";
    public static final String READ_BUFFER_BYTES_CONFIG = "read.buffer.bytes";
    public static final String POLL_WAIT_MS_CONFIG = "poll.wait.ms";

    /** Set by the connector on each task: its index and the number of tasks, which split files by identity. */
    public static final String TASK_INDEX_CONFIG = "task.index";

    public static final String TASK_COUNT_CONFIG = "task.count";

    public static final String START_BEGINNING = "beginning";
    public static final String START_END = "end";
    public static final String MATCH_AFTER = "after";
    public static final String MATCH_BEFORE = "before";

    private static final String GROUP_FILES = "Files";
    private static final String GROUP_EVENTS = "Events";
    private static final String GROUP_MULTILINE = "Multiline";
    private static final String GROUP_PARSING = "Parsing";
    private static final String GROUP_OUTPUT = "Output";

    public static final ConfigDef CONFIG_DEF = configDef();

    public LogFileSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                        FILES_CONFIG,
                        Type.LIST,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new GlobListValidator(),
                        Importance.HIGH,
                        "Absolute glob patterns of the files to tail, comma-separated (/var/log/app/*.log; ** crosses "
                                + "directories). Files that start to match later are picked up within "
                                + SCAN_INTERVAL_MS_CONFIG + ". A directory that does not exist yet is accepted and "
                                + "watched; one that exists but cannot be read is refused.",
                        GROUP_FILES,
                        ++order,
                        Width.LONG,
                        "Files")
                .define(
                        START_POSITION_CONFIG,
                        Type.STRING,
                        START_BEGINNING,
                        ConfigDef.CaseInsensitiveValidString.in(START_BEGINNING, START_END),
                        Importance.MEDIUM,
                        "Where to start in a file that has no committed offset and already exists when the task "
                                + "starts: 'beginning' or 'end'. Files that appear later (a rotation's new file) are "
                                + "always read from the beginning, so nothing written to them is missed.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Start position",
                        new ValuesRecommender(List.of(START_BEGINNING, START_END)))
                .define(
                        SCAN_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        1000L,
                        Range.between(10L, 3_600_000L),
                        Importance.LOW,
                        "How often each task expands the globs, follows renames and checks for truncation.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Scan interval (ms)")
                .define(
                        CLOSE_INACTIVE_MS_CONFIG,
                        Type.LONG,
                        300_000L,
                        Range.between(0L, 86_400_000L),
                        Importance.LOW,
                        "A file that has been read to its end and has not grown for this long has its handle "
                                + "closed. While it still matches the globs its position is kept and it is opened "
                                + "again when it grows or is truncated (checked every " + SCAN_INTERVAL_MS_CONFIG
                                + "). A file that no longer matches (renamed away by a rotation, or deleted) stays "
                                + "open until it has been read to its end and then been inactive for this long; then "
                                + "it is closed for good. 0 closes a file as soon as it is read to its end.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Close inactive (ms)")
                .define(
                        CLEAN_REMOVED_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.LOW,
                        "Removes the stored offset of a file that no longer matches the globs (deleted, or renamed "
                                + "to a name no glob matches) once it has been read to its end and closed (see "
                                + CLOSE_INACTIVE_MS_CONFIG + "), so the offsets topic does not keep every rotated "
                                + "file forever. Connect stores an offset only with a record: the task writes one "
                                + "record with a null key and a null value (a tombstone, header 'log.file.removed' "
                                + "= the file's last path) to the logs topic, whose null offset deletes the file's. "
                                + "Off by default, so the logs topic holds only log events unless asked; offsets of "
                                + "removed files then stay (one small entry per file).",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Clean removed files")
                .define(
                        FINGERPRINT_BYTES_CONFIG,
                        Type.INT,
                        1024,
                        Range.between(16, 65_536),
                        Importance.LOW,
                        "How many of a file's first bytes are hashed into its fingerprint. With device and inode "
                                + "the fingerprint identifies a file, so a new file on a reused inode, or a file "
                                + "rewritten in place, is read from the start instead of at a stale offset.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Fingerprint bytes")
                .define(
                        FOLLOW_SYMLINKS_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "Whether the scan follows symbolic links it finds: links to files (Kubernetes' "
                                + "/var/log/containers/*.log) and to directories under **. Off by default, as in "
                                + "Filebeat: whoever may write in a watched directory could otherwise link any file "
                                + "the worker can read into the topic. A link the scan skips is logged once as a "
                                + "warning. Links in the part of a glob before its first wildcard are always "
                                + "followed. A file reached through several links is read once (by device and inode). "
                                + "Whatever a path leads to, only regular files are opened: never a FIFO, socket or "
                                + "device, nor a file of procfs, sysfs or another kernel file system.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Follow symlinks")
                .define(
                        MAX_OPEN_FILES_CONFIG,
                        Type.INT,
                        1024,
                        Range.between(1, 1_000_000),
                        Importance.MEDIUM,
                        "Most files one task holds open at once (Filebeat's harvester_limit). Each open file may "
                                + "hold a line and a multiline event being assembled (each up to "
                                + MAX_EVENT_BYTES_CONFIG + "), so this bounds the "
                                + "task's memory and descriptors even for a glob that matches thousands of files. "
                                + "Further files wait, with a warning, until an open one is read to its end and "
                                + "inactive for " + CLOSE_INACTIVE_MS_CONFIG + "; lower that when many files take "
                                + "turns.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Max open files")
                .define(
                        EXCLUDE_FILES_CONFIG,
                        Type.LIST,
                        "",
                        new ExcludeGlobsValidator(),
                        Importance.MEDIUM,
                        "Globs of files not to read although " + FILES_CONFIG + " matches them, comma-separated "
                                + "(*.gz, /var/log/pods/kube-system_*/**). A glob with a '/' is matched against the "
                                + "whole path, one without against the file name. A file that starts to match "
                                + "while it is read is read on; excluded files are never opened.",
                        GROUP_FILES,
                        ++order,
                        Width.LONG,
                        "Exclude files")
                .define(
                        IGNORE_OLDER_MS_CONFIG,
                        Type.LONG,
                        0L,
                        Range.between(0L, 10L * 365 * 86_400_000L),
                        Importance.MEDIUM,
                        "A file not yet read that has not been modified for this long is not opened (Filebeat's "
                                + "ignore_older): a directory of old logs is not shipped at the first start. If it "
                                + "is written to later, it is read from the size it had when it was ignored, so "
                                + "only the new lines are shipped. A file already read, or with a committed "
                                + "offset, keeps its offset. 0: no file is ignored.",
                        GROUP_FILES,
                        ++order,
                        Width.SHORT,
                        "Ignore older (ms)");
        order = 0;
        def.define(
                        MAX_EVENT_BYTES_CONFIG,
                        Type.INT,
                        1_048_576,
                        Range.between(64, 64 * 1_048_576),
                        Importance.MEDIUM,
                        "Largest event kept, in bytes of its text: a longer line or multiline event is cut here "
                                + "and flagged truncated=true; the rest of it is skipped, never buffered.",
                        GROUP_EVENTS,
                        ++order,
                        Width.SHORT,
                        "Max event bytes")
                .define(
                        PARTIAL_LINE_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.between(0L, 86_400_000L),
                        Importance.LOW,
                        "A last line without its newline is held back until it is complete, or until the file has "
                                + "not grown for this long; then it is emitted as it is. 0 waits for the newline "
                                + "forever.",
                        GROUP_EVENTS,
                        ++order,
                        Width.SHORT,
                        "Partial line timeout (ms)")
                .define(
                        ENCODING_CONFIG,
                        Type.STRING,
                        "UTF-8",
                        new EncodingValidator(),
                        Importance.MEDIUM,
                        "Character set of the files: UTF-8, UTF-16LE, UTF-16BE, ISO-8859-1, US-ASCII, "
                                + "windows-1252 or any set that writes a newline as the byte 0x0A. Offsets and "
                                + MAX_EVENT_BYTES_CONFIG + " stay in bytes of the file. Malformed input becomes "
                                + "U+FFFD.",
                        GROUP_EVENTS,
                        ++order,
                        Width.SHORT,
                        "Encoding")
                .define(
                        INCLUDE_LINES_CONFIG,
                        Type.LIST,
                        "",
                        new RegexListValidator(),
                        Importance.MEDIUM,
                        "Java regular expressions, comma-separated: when set, only events whose text one of them "
                                + "finds are written (the text after the container wrapper and multiline grouping, "
                                + "before parsing). Empty: every event.",
                        GROUP_EVENTS,
                        ++order,
                        Width.LONG,
                        "Include lines")
                .define(
                        EXCLUDE_LINES_CONFIG,
                        Type.LIST,
                        "",
                        new RegexListValidator(),
                        Importance.MEDIUM,
                        "Java regular expressions, comma-separated: events whose text one of them finds are not "
                                + "written, applied after " + INCLUDE_LINES_CONFIG + " (as in Filebeat). A left-out "
                                + "event still moves the file's committed offset on with the next event written.",
                        GROUP_EVENTS,
                        ++order,
                        Width.LONG,
                        "Exclude lines");
        order = 0;
        def.define(
                        MULTILINE_PATTERN_CONFIG,
                        Type.STRING,
                        "",
                        new RegexValidator(),
                        Importance.MEDIUM,
                        "Java regular expression that groups lines into one event (empty: every line is an event). "
                                + "With negate=false a line matching it is a continuation; with negate=true a line "
                                + "NOT matching it is. Example for Java stack traces: pattern ^\\s|^Caused by:, "
                                + "negate=false, match=after.",
                        GROUP_MULTILINE,
                        ++order,
                        Width.LONG,
                        "Multiline pattern")
                .define(
                        MULTILINE_NEGATE_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "Inverts " + MULTILINE_PATTERN_CONFIG + ": lines that do not match are continuations.",
                        GROUP_MULTILINE,
                        ++order,
                        Width.SHORT,
                        "Multiline negate")
                .define(
                        MULTILINE_MATCH_CONFIG,
                        Type.STRING,
                        MATCH_AFTER,
                        ConfigDef.CaseInsensitiveValidString.in(MATCH_AFTER, MATCH_BEFORE),
                        Importance.MEDIUM,
                        "'after': a continuation line is appended to the line before it. 'before': a continuation "
                                + "line is followed by the line that ends the event.",
                        GROUP_MULTILINE,
                        ++order,
                        Width.SHORT,
                        "Multiline match",
                        new ValuesRecommender(List.of(MATCH_AFTER, MATCH_BEFORE)))
                .define(
                        MULTILINE_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        5_000L,
                        Range.between(1L, 3_600_000L),
                        Importance.LOW,
                        "An unfinished multiline event is emitted when no line has followed it for this long.",
                        GROUP_MULTILINE,
                        ++order,
                        Width.SHORT,
                        "Multiline timeout (ms)")
                .define(
                        MULTILINE_MAX_LINES_CONFIG,
                        Type.INT,
                        500,
                        Range.between(1, 1_000_000),
                        Importance.LOW,
                        "Most lines in one multiline event; the event is emitted when it has this many.",
                        GROUP_MULTILINE,
                        ++order,
                        Width.SHORT,
                        "Multiline max lines");
        order = 0;
        def.define(
                        CONTAINER_FORMAT_CONFIG,
                        Type.STRING,
                        ContainerFormat.NONE.wireName(),
                        ConfigDef.CaseInsensitiveValidString.in(ContainerFormat.NAMES.toArray(new String[0])),
                        Importance.HIGH,
                        "The wrapper a container runtime writes around each line, taken off before "
                                + MULTILINE_PATTERN_CONFIG + " groups lines and " + FORMAT_CONFIG + " parses the "
                                + "message: 'none', 'cri' (containerd, CRI-O: <time> <stdout|stderr> <P|F> "
                                + "<message>; P pieces are joined into one line), 'docker' (json-file driver: "
                                + "{\"log\":...,\"stream\":...,\"time\":...}; pieces split at 16 KiB are "
                                + "joined) or 'auto' (each line by its look). The stream goes to fields.stream, the "
                                + "runtime's time is the event time when the message has none, and a Kubernetes path "
                                + "(/var/log/pods/..., /var/log/containers/...) adds the namespace, pod and "
                                + "container to 'fields'.",
                        GROUP_PARSING,
                        ++order,
                        Width.SHORT,
                        "Container format",
                        new ValuesRecommender(ContainerFormat.NAMES))
                .define(
                        FORMAT_CONFIG,
                        Type.STRING,
                        LogFormat.PLAIN.wireName(),
                        ConfigDef.CaseInsensitiveValidString.in(LogFormat.NAMES.toArray(new String[0])),
                        Importance.HIGH,
                        "How an event's text is parsed: 'plain' (the text is the message), 'json' (one JSON object "
                                + "per line), 'logfmt' (key=value pairs) or 'regex' (named groups of "
                                + REGEX_PATTERN_CONFIG + " or of a " + REGEX_PRESET_CONFIG + "). Known keys become "
                                + "timestamp, level, message and service; other keys are kept in the 'fields' map. "
                                + "Text that does not parse is still an event, with a parse_error.",
                        GROUP_PARSING,
                        ++order,
                        Width.SHORT,
                        "Format",
                        new ValuesRecommender(LogFormat.NAMES))
                .define(
                        REGEX_PRESET_CONFIG,
                        Type.STRING,
                        "",
                        new EmptyOr(ConfigDef.CaseInsensitiveValidString.in(RegexPreset.NAMES.toArray(new String[0]))),
                        Importance.MEDIUM,
                        "A built-in pattern for format=regex, one of " + RegexPreset.NAMES + ". Exactly one of "
                                + REGEX_PRESET_CONFIG + " and " + REGEX_PATTERN_CONFIG + " is set with format=regex.",
                        GROUP_PARSING,
                        ++order,
                        Width.MEDIUM,
                        "Regex preset",
                        new PresetRecommender())
                .define(
                        REGEX_PATTERN_CONFIG,
                        Type.STRING,
                        "",
                        new RegexValidator(),
                        Importance.MEDIUM,
                        "Java regular expression for format=regex, matched against the first line of an event (the "
                                + "lines a multiline rule adds are appended to the message). Named groups timestamp, "
                                + "level, message, service, endpoint and userId fill those fields; any other named "
                                + "group is kept in 'fields'. Without a message group the whole line is the message.",
                        GROUP_PARSING,
                        ++order,
                        Width.LONG,
                        "Regex pattern")
                .define(
                        TIMESTAMP_FORMAT_CONFIG,
                        Type.STRING,
                        "",
                        new TimestampFormatValidator(),
                        Importance.MEDIUM,
                        "How the parsed timestamp is read: a java.time DateTimeFormatter pattern "
                                + "(yyyy-MM-dd HH:mm:ss,SSS), 'iso8601', 'epoch_millis' or 'epoch_seconds'. Empty: the "
                                + "preset's own format, else ISO-8601 (also with a space for the T and an offset "
                                + "without its colon, +0100) or epoch numbers. A timestamp that does not "
                                + "parse falls back to the time the line was read.",
                        GROUP_PARSING,
                        ++order,
                        Width.MEDIUM,
                        "Timestamp format")
                .define(
                        TIMESTAMP_ZONE_CONFIG,
                        Type.STRING,
                        "UTC",
                        new ZoneValidator(),
                        Importance.LOW,
                        "Time zone of timestamps that carry none.",
                        GROUP_PARSING,
                        ++order,
                        Width.SHORT,
                        "Timestamp zone")
                .define(
                        DEFAULT_LEVEL_CONFIG,
                        Type.STRING,
                        "INFO",
                        ConfigDef.CaseInsensitiveValidString.in(LogLevels.NORMALISED.toArray(new String[0])),
                        Importance.MEDIUM,
                        "Level of an event whose text has no recognisable level (format plain, or a line that "
                                + "does not parse). Parsed levels are normalised to " + LogLevels.NORMALISED
                                + ": WARN becomes WARNING; ERR, SEVERE, FATAL, CRITICAL become ERROR.",
                        GROUP_PARSING,
                        ++order,
                        Width.SHORT,
                        "Default level",
                        new ValuesRecommender(LogLevels.NORMALISED))
                .define(
                        SERVICE_CONFIG,
                        Type.STRING,
                        "",
                        Importance.MEDIUM,
                        "Service name of events that do not carry one. Empty: the file name up to its first dot "
                                + "(app.log and app.log.1 give app).",
                        GROUP_PARSING,
                        ++order,
                        Width.MEDIUM,
                        "Service");
        order = 0;
        SharedKeys.TOPIC_LOGS.define(def, GROUP_OUTPUT, ++order);
        def.define(
                        MAX_BATCH_SIZE_CONFIG,
                        Type.INT,
                        2000,
                        Range.between(1, 100_000),
                        Importance.LOW,
                        "Most records one task returns from a single poll.",
                        GROUP_OUTPUT,
                        ++order,
                        Width.SHORT,
                        "Max batch size")
                .define(
                        MAX_IN_FLIGHT_RECORDS_CONFIG,
                        Type.INT,
                        10_000,
                        Range.between(0, 10_000_000),
                        Importance.LOW,
                        "Most records a task has returned that the worker has not yet acknowledged (sent, or "
                                + "committed with exactly-once); a poll waits up to " + POLL_WAIT_MS_CONFIG
                                + " while more are outstanding. A task that reads faster than the producer sends "
                                + "otherwise fills the producer's whole buffer (buffer.memory, 32 MiB: some 80,000 "
                                + "log records, each kept in memory until sent), and collecting that garbage cost a "
                                + "quarter to a third of the task's time in the benchmark. A wait during which no "
                                + "record is acknowledged (a broker outage, or exactly-once with "
                                + "transaction.boundary=interval, which acknowledges only at each commit) suspends "
                                + "the limit until the outstanding records are acknowledged. 0: no limit.",
                        GROUP_OUTPUT,
                        ++order,
                        Width.SHORT,
                        "Max in-flight records")
                .define(
                        READ_BUFFER_BYTES_CONFIG,
                        Type.INT,
                        65_536,
                        Range.between(1024, 16 * 1_048_576),
                        Importance.LOW,
                        "Bytes read from a file at a time; one buffer per task.",
                        GROUP_OUTPUT,
                        ++order,
                        Width.SHORT,
                        "Read buffer bytes")
                .define(
                        POLL_WAIT_MS_CONFIG,
                        Type.LONG,
                        200L,
                        Range.between(1L, 60_000L),
                        Importance.LOW,
                        "How long a poll that found nothing new waits before returning.",
                        GROUP_OUTPUT,
                        ++order,
                        Width.SHORT,
                        "Poll wait (ms)");
        def.defineInternal(TASK_INDEX_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.LOW, "");
        def.defineInternal(TASK_COUNT_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.LOW, "");
        return def;
    }

    /** The globs of {@code files}, parsed. */
    public List<FileGlob> globs() {
        List<FileGlob> globs = new ArrayList<>();
        for (String glob : getList(FILES_CONFIG)) {
            globs.add(FileGlob.parse(glob));
        }
        return globs;
    }

    public boolean startAtEnd() {
        return START_END.equalsIgnoreCase(getString(START_POSITION_CONFIG));
    }

    public long scanIntervalMs() {
        return getLong(SCAN_INTERVAL_MS_CONFIG);
    }

    public long closeInactiveMs() {
        return getLong(CLOSE_INACTIVE_MS_CONFIG);
    }

    public boolean cleanRemoved() {
        return getBoolean(CLEAN_REMOVED_CONFIG);
    }

    public int fingerprintBytes() {
        return getInt(FINGERPRINT_BYTES_CONFIG);
    }

    public boolean followSymlinks() {
        return getBoolean(FOLLOW_SYMLINKS_CONFIG);
    }

    public int maxOpenFiles() {
        return getInt(MAX_OPEN_FILES_CONFIG);
    }

    public int maxEventBytes() {
        return getInt(MAX_EVENT_BYTES_CONFIG);
    }

    public long partialLineTimeoutMs() {
        return getLong(PARTIAL_LINE_TIMEOUT_MS_CONFIG);
    }

    public LineCodec lineCodec() {
        return LineCodec.forName(getString(ENCODING_CONFIG));
    }

    /** Which events are written: include.lines and exclude.lines, compiled. */
    public EventFilter eventFilter() {
        return new EventFilter(patterns(INCLUDE_LINES_CONFIG), patterns(EXCLUDE_LINES_CONFIG));
    }

    private List<Pattern> patterns(String key) {
        return getList(key).stream().map(Pattern::compile).toList();
    }

    /** The exclude.files globs, each matched against the path or the file name. */
    public List<ExcludedFiles> excludedFiles() {
        return getList(EXCLUDE_FILES_CONFIG).stream().map(ExcludedFiles::parse).toList();
    }

    public long ignoreOlderMs() {
        return getLong(IGNORE_OLDER_MS_CONFIG);
    }

    public ContainerFormat containerFormat() {
        return ContainerFormat.parse(getString(CONTAINER_FORMAT_CONFIG));
    }

    /** The multiline rule, or null when every line is an event. */
    public MultilineRule multilineRule() {
        String pattern = getString(MULTILINE_PATTERN_CONFIG);
        if (pattern.isEmpty()) {
            return null;
        }
        return new MultilineRule(
                Pattern.compile(pattern),
                getBoolean(MULTILINE_NEGATE_CONFIG),
                MATCH_BEFORE.equalsIgnoreCase(getString(MULTILINE_MATCH_CONFIG)),
                getInt(MULTILINE_MAX_LINES_CONFIG),
                getLong(MULTILINE_TIMEOUT_MS_CONFIG));
    }

    public LogFormat format() {
        return LogFormat.parse(getString(FORMAT_CONFIG));
    }

    /** The preset named by regex.preset, or null. */
    public RegexPreset regexPreset() {
        String preset = getString(REGEX_PRESET_CONFIG);
        return preset.isEmpty() ? null : RegexPreset.parse(preset);
    }

    public String regexPattern() {
        return getString(REGEX_PATTERN_CONFIG);
    }

    public String timestampFormat() {
        return getString(TIMESTAMP_FORMAT_CONFIG);
    }

    public ZoneId timestampZone() {
        return ZoneId.of(getString(TIMESTAMP_ZONE_CONFIG));
    }

    public String defaultLevel() {
        return getString(DEFAULT_LEVEL_CONFIG).toUpperCase(Locale.ROOT);
    }

    public String service() {
        return getString(SERVICE_CONFIG);
    }

    public String topic() {
        return getString(SharedKeys.TOPIC_LOGS.name());
    }

    public int maxBatchSize() {
        return getInt(MAX_BATCH_SIZE_CONFIG);
    }

    public int maxInFlightRecords() {
        return getInt(MAX_IN_FLIGHT_RECORDS_CONFIG);
    }

    public int readBufferBytes() {
        return getInt(READ_BUFFER_BYTES_CONFIG);
    }

    public long pollWaitMs() {
        return getLong(POLL_WAIT_MS_CONFIG);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX_CONFIG);
    }

    public int taskCount() {
        return getInt(TASK_COUNT_CONFIG);
    }

    /** Each entry an absolute, well-formed glob whose fixed directory part is readable if it exists. */
    private static final class GlobListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> globs = (List<String>) value;
            if (globs == null || globs.isEmpty()) {
                throw new ConfigException(name, value, "Name at least one glob pattern, e.g. /var/log/app/*.log");
            }
            for (String glob : globs) {
                try {
                    FileGlob.parse(glob).ensureReadable();
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, glob, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "absolute glob patterns";
        }
    }

    private static final class EncodingValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                LineCodec.forName((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a character set whose newline is the byte 0x0A, UTF-16LE or UTF-16BE";
        }
    }

    private static final class ExcludeGlobsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> globs = (List<String>) value;
            for (String glob : globs == null ? List.<String>of() : globs) {
                try {
                    ExcludedFiles.parse(glob);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, glob, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "globs of paths or file names";
        }
    }

    private static final class TimestampFormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                TimestampParser.forFormat((String) value, ZoneId.of("UTC"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "Not a timestamp format: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a DateTimeFormatter pattern, iso8601, epoch_millis, epoch_seconds, or empty";
        }
    }

    private static final class ZoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "Not a time zone id (e.g. UTC, Europe/Berlin, +02:00)");
            }
        }

        @Override
        public String toString() {
            return "a time zone id";
        }
    }

    /** Empty, or valid for the wrapped validator. */
    private static final class EmptyOr implements ConfigDef.Validator {
        private final ConfigDef.Validator delegate;

        EmptyOr(ConfigDef.Validator delegate) {
            this.delegate = delegate;
        }

        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !((String) value).isEmpty()) {
                delegate.ensureValid(name, value);
            }
        }

        @Override
        public String toString() {
            return "empty or " + delegate;
        }
    }

    /** Presets are offered, and shown, only with format=regex. */
    private static final class PresetRecommender implements ConfigDef.Recommender {
        private final ValuesRecommender presets = new ValuesRecommender(RegexPreset.NAMES);

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return presets.validValues(name, parsedConfig);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            Object format = parsedConfig.get(FORMAT_CONFIG);
            return format == null || LogFormat.REGEX.wireName().equalsIgnoreCase(format.toString());
        }
    }
}
