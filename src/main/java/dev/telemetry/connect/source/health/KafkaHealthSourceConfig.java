package dev.telemetry.connect.source.health;

import dev.telemetry.connect.common.access.PathAllowList;
import dev.telemetry.connect.common.config.RegexListValidator;
import dev.telemetry.connect.common.config.TopicNameValidator;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/** Configuration of {@code KafkaHealthSourceConnector}; every key, default, validator and recommender lives here. */
public class KafkaHealthSourceConfig extends AbstractConfig {

    /** Settings under this prefix configure the connector's own clients of the monitored cluster. */
    public static final String KAFKA_PREFIX = "kafka.";

    /** Several monitored clusters: their names, each with its client settings under {@code clusters.<name>.}. */
    public static final String CLUSTERS_CONFIG = "clusters";

    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String SECURITY_PROTOCOL = "security.protocol";
    static final String SASL_MECHANISM = "sasl.mechanism";
    static final String SASL_JAAS = "sasl.jaas.config";
    static final String SSL_TRUSTSTORE_LOCATION = "ssl.truststore.location";
    static final String SSL_TRUSTSTORE_PASSWORD = "ssl.truststore.password";
    static final String SSL_KEYSTORE_LOCATION = "ssl.keystore.location";
    static final String SSL_KEYSTORE_PASSWORD = "ssl.keystore.password";
    static final String SSL_KEY_PASSWORD = "ssl.key.password";
    private static final int CLIENT_KEYS = 9;

    public static final String BOOTSTRAP_SERVERS_CONFIG = KAFKA_PREFIX + BOOTSTRAP_SERVERS;
    public static final String SECURITY_PROTOCOL_CONFIG = KAFKA_PREFIX + SECURITY_PROTOCOL;
    public static final String SASL_MECHANISM_CONFIG = KAFKA_PREFIX + SASL_MECHANISM;
    public static final String SASL_JAAS_CONFIG = KAFKA_PREFIX + SASL_JAAS;
    public static final String SSL_TRUSTSTORE_LOCATION_CONFIG = KAFKA_PREFIX + SSL_TRUSTSTORE_LOCATION;
    public static final String SSL_TRUSTSTORE_PASSWORD_CONFIG = KAFKA_PREFIX + SSL_TRUSTSTORE_PASSWORD;
    public static final String SSL_KEYSTORE_LOCATION_CONFIG = KAFKA_PREFIX + SSL_KEYSTORE_LOCATION;
    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = KAFKA_PREFIX + SSL_KEYSTORE_PASSWORD;
    public static final String SSL_KEY_PASSWORD_CONFIG = KAFKA_PREFIX + SSL_KEY_PASSWORD;

    public static final String GROUPS_INCLUDE_CONFIG = "groups.include";
    public static final String GROUPS_EXCLUDE_CONFIG = "groups.exclude";
    public static final String TOPICS_INCLUDE_CONFIG = "topics.include";
    public static final String TOPICS_EXCLUDE_CONFIG = "topics.exclude";
    public static final String LIST_REFRESH_INTERVAL_MS_CONFIG = "list.refresh.interval.ms";

    public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
    public static final String STATUS_WINDOW_COMMITS_CONFIG = "status.window.commits";
    public static final String STATUS_ERROR_AFTER_MS_CONFIG = "status.error.after.ms";
    public static final String TIME_LAG_SAMPLES_CONFIG = "time.lag.samples";
    public static final String LAG_TOP_PARTITIONS_CONFIG = "lag.top.partitions";
    public static final String THROUGHPUT_BASELINE_MS_CONFIG = "throughput.baseline.ms";

    public static final String CANARY_ENABLED_CONFIG = "canary.enabled";
    public static final String CANARY_TOPIC_CONFIG = "canary.topic";
    public static final String CANARY_MESSAGES_CONFIG = "canary.messages.per.poll";

    public static final String TOPIC_CONFIG = "topic";

    /** Set by the connector on each task: which task of how many it is (see {@link TaskAssignment}). */
    static final String TASK_INDEX_CONFIG = "task.index";

    static final String TASK_COUNT_CONFIG = "task.count";

    private static final String GROUP_CLUSTER = "Monitored cluster";
    private static final String GROUP_SELECTION = "What to watch";
    private static final String GROUP_EVALUATION = "Evaluation";
    private static final String GROUP_CANARY = "Canary";
    private static final String GROUP_OUTPUT = "Output";

    // Integers: the clients declare both keys as INT and refuse a Long.
    private static final int DEFAULT_API_TIMEOUT_MS = 15_000;
    private static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    private static final List<String> SASL_MECHANISMS =
            List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI", "OAUTHBEARER");

    public static final ConfigDef CONFIG_DEF = configDef();

    public KafkaHealthSourceConfig(Map<?, ?> originals) {
        super(configDef(clusterAliases(originals)), originals);
    }

    /**
     * The names in {@code clusters} as given, before any check (the key's validator checks them), so that the keys
     * of each can be defined before the configuration is parsed.
     */
    public static List<String> clusterAliases(Map<?, ?> originals) {
        Object value = originals.get(CLUSTERS_CONFIG);
        if (value == null) {
            return List.of();
        }
        List<String> aliases = new ArrayList<>();
        for (String alias : value.toString().split(",")) {
            if (!alias.isBlank() && !aliases.contains(alias.trim())) {
                aliases.add(alias.trim());
            }
        }
        return aliases;
    }

    static String clusterPrefix(String alias) {
        return CLUSTERS_CONFIG + "." + alias + ".";
    }

    private static void defineClientKeys(
            ConfigDef def, String prefix, String group, Object bootstrapDefault, String alias) {
        String of = alias == null ? "" : " Of cluster " + alias + ".";
        int order = 0;
        def.define(
                        prefix + BOOTSTRAP_SERVERS,
                        Type.STRING,
                        bootstrapDefault,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        alias == null
                                ? "host:port pairs of the cluster to monitor; required unless 'clusters' names "
                                        + "several. Connect does not tell a plugin which cluster its worker uses, so "
                                        + "name it even when it is the worker's own. Every other 'kafka.' setting (for "
                                        + "example kafka.request.timeout.ms) goes, without the prefix, to the "
                                        + "connector's own admin client, canary producer and consumer."
                                : "host:port pairs of cluster " + alias + ". Every other '" + prefix + "' setting "
                                        + "goes, without the prefix, to the clients of this cluster.",
                        group,
                        ++order,
                        Width.LONG,
                        "Bootstrap servers")
                .define(
                        prefix + SECURITY_PROTOCOL,
                        Type.STRING,
                        SecurityProtocol.PLAINTEXT.name,
                        ConfigDef.ValidString.in(SecurityProtocol.names().toArray(new String[0])),
                        Importance.MEDIUM,
                        "Protocol used to talk to the monitored cluster." + of,
                        group,
                        ++order,
                        Width.SHORT,
                        "Security protocol",
                        new FixedValues(List.copyOf(SecurityProtocol.names()), null, prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SASL_MECHANISM,
                        Type.STRING,
                        null,
                        Importance.MEDIUM,
                        "SASL mechanism, with a SASL_* security protocol." + of,
                        group,
                        ++order,
                        Width.SHORT,
                        "SASL mechanism",
                        new FixedValues(SASL_MECHANISMS, "SASL_", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SASL_JAAS,
                        Type.PASSWORD,
                        null,
                        Importance.MEDIUM,
                        "JAAS login for SASL, for example org.apache.kafka.common.security.plain.PlainLoginModule "
                                + "required username=\"...\" password=\"...\"; masked by the REST API." + of,
                        group,
                        ++order,
                        Width.LONG,
                        "SASL JAAS config",
                        new FixedValues(null, "SASL_", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SSL_TRUSTSTORE_LOCATION,
                        Type.STRING,
                        null,
                        Importance.LOW,
                        "Trust store for SSL connections to the monitored cluster." + of,
                        group,
                        ++order,
                        Width.LONG,
                        "Trust store",
                        new FixedValues(null, "SSL", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SSL_TRUSTSTORE_PASSWORD,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "Password of the trust store." + of,
                        group,
                        ++order,
                        Width.MEDIUM,
                        "Trust store password",
                        new FixedValues(null, "SSL", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SSL_KEYSTORE_LOCATION,
                        Type.STRING,
                        null,
                        Importance.LOW,
                        "Key store for SSL client authentication." + of,
                        group,
                        ++order,
                        Width.LONG,
                        "Key store",
                        new FixedValues(null, "SSL", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SSL_KEYSTORE_PASSWORD,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "Password of the key store." + of,
                        group,
                        ++order,
                        Width.MEDIUM,
                        "Key store password",
                        new FixedValues(null, "SSL", prefix + SECURITY_PROTOCOL))
                .define(
                        prefix + SSL_KEY_PASSWORD,
                        Type.PASSWORD,
                        null,
                        Importance.LOW,
                        "Password of the private key in the key store." + of,
                        group,
                        ++order,
                        Width.MEDIUM,
                        "Key password",
                        new FixedValues(null, "SSL", prefix + SECURITY_PROTOCOL));
    }

    /** The ConfigDef with the keys of each cluster in {@code clusters}, so their secrets parse as passwords. */
    public static ConfigDef configDef(List<String> clusterAliases) {
        ConfigDef def = configDef();
        for (String alias : clusterAliases) {
            defineClientKeys(def, clusterPrefix(alias), "Cluster " + alias, ConfigDef.NO_DEFAULT_VALUE, alias);
        }
        return def;
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        defineClientKeys(def, KAFKA_PREFIX, GROUP_CLUSTER, null, null);
        def.define(
                CLUSTERS_CONFIG,
                Type.LIST,
                "",
                new AliasListValidator(),
                Importance.HIGH,
                "Names of several clusters to monitor instead of the one under kafka.*: each takes "
                        + "clusters.<name>.bootstrap.servers and every other client setting under "
                        + "clusters.<name>. (security.protocol, sasl.*, ssl.*, timeouts), passed without the prefix "
                        + "to that cluster's own clients. Every record carries the name in 'cluster'. Names are "
                        + "letters, digits, '_' and '-'.",
                GROUP_CLUSTER,
                CLIENT_KEYS + 1,
                Width.LONG,
                "Clusters");
        int order = 0;
        def.define(
                        GROUPS_INCLUDE_CONFIG,
                        Type.LIST,
                        ".*",
                        new RegexListValidator(),
                        Importance.HIGH,
                        "Consumer groups to watch: regular expressions matched against the whole group id.",
                        GROUP_SELECTION,
                        ++order,
                        Width.LONG,
                        "Groups to include")
                .define(
                        GROUPS_EXCLUDE_CONFIG,
                        Type.LIST,
                        "",
                        new RegexListValidator(),
                        Importance.MEDIUM,
                        "Consumer groups to leave out, even when included.",
                        GROUP_SELECTION,
                        ++order,
                        Width.LONG,
                        "Groups to exclude")
                .define(
                        TOPICS_INCLUDE_CONFIG,
                        Type.LIST,
                        ".*",
                        new RegexListValidator(),
                        Importance.HIGH,
                        "Topics whose replication and throughput to report: regular expressions matched against "
                                + "the whole name. Internal topics (__consumer_offsets, ...) are never listed. A "
                                + "group's lag covers every topic it has committed offsets on, whatever this says.",
                        GROUP_SELECTION,
                        ++order,
                        Width.LONG,
                        "Topics to include")
                .define(
                        TOPICS_EXCLUDE_CONFIG,
                        Type.LIST,
                        "",
                        new RegexListValidator(),
                        Importance.MEDIUM,
                        "Topics to leave out, even when included.",
                        GROUP_SELECTION,
                        ++order,
                        Width.LONG,
                        "Topics to exclude")
                .define(
                        LIST_REFRESH_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        60_000L,
                        Range.atLeast(1_000L),
                        Importance.LOW,
                        "How often each task lists groups and topics again, keeping those whose name hashes to it; "
                                + "a group or topic that comes or goes restarts no task.",
                        GROUP_SELECTION,
                        ++order,
                        Width.SHORT,
                        "List refresh interval (ms)");
        order = 0;
        def.define(
                        POLL_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.atLeast(100L),
                        Importance.HIGH,
                        "How often each task reads offsets and emits one record per group, topic and (first task) "
                                + "cluster. Statuses are evaluated at every poll.",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "Poll interval (ms)")
                .define(
                        STATUS_WINDOW_COMMITS_CONFIG,
                        Type.INT,
                        10,
                        Range.between(2, 1_000),
                        Importance.MEDIUM,
                        "Commits per partition in the status window (Burrow's window). Until a partition has this "
                                + "many commits seen (after a task restart the window refills first), it is OK "
                                + "unless its committed offset stayed for status.error.after.ms while its topic "
                                + "grew: then it is ERR.",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "Status window (commits)")
                .define(
                        STATUS_ERROR_AFTER_MS_CONFIG,
                        Type.LONG,
                        300_000L,
                        Range.atLeast(0L),
                        Importance.MEDIUM,
                        "A STOP or STALL whose last commit is at least this old becomes ERR; so does a committed "
                                + "offset that stayed this long while its topic grew, before the window is full.",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "STOP/STALL to ERR after (ms)")
                .define(
                        TIME_LAG_SAMPLES_CONFIG,
                        Type.INT,
                        360,
                        Range.between(2, 100_000),
                        Importance.LOW,
                        "End-offset samples kept per partition to interpolate time lag; one is added per poll "
                                + "when the end offset moved. Older offsets are extrapolated, so the table should span "
                                + "the lags you care about (360 x 10 s = 1 hour).",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "Time lag samples")
                .define(
                        LAG_TOP_PARTITIONS_CONFIG,
                        Type.INT,
                        10,
                        Range.between(0, 1_000),
                        Importance.MEDIUM,
                        "Partitions listed per group record in partition_lags, most behind first (by offset lag, "
                                + "then time lag), each with its offsets, lag in offsets and in time, and status. The "
                                + "rest are only counted (other_partitions) and their lag summed "
                                + "(other_partitions_lag_sum), so a group on thousands of partitions makes a record "
                                + "of bounded size.",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "Partitions listed per group")
                .define(
                        THROUGHPUT_BASELINE_MS_CONFIG,
                        Type.LONG,
                        3_600_000L,
                        Range.atLeast(1_000L),
                        Importance.MEDIUM,
                        "Time constant of the usual rates of a topic (messages_in_per_sec_baseline, "
                                + "bytes_in_per_sec_baseline): a moving average in which a rate this old weighs "
                                + "1/e of a new one. A baseline is reported once the task has measured the topic for "
                                + "this long, so after a task (re)start rules comparing a rate with its baseline "
                                + "wait that long.",
                        GROUP_EVALUATION,
                        ++order,
                        Width.SHORT,
                        "Throughput baseline (ms)");
        order = 0;
        def.define(
                        CANARY_ENABLED_CONFIG,
                        Type.BOOLEAN,
                        false,
                        Importance.MEDIUM,
                        "Produce timestamped messages to the canary topic and consume them back at every poll of the "
                                + "first task; the cluster record then carries produce-to-consume latency.",
                        GROUP_CANARY,
                        ++order,
                        Width.SHORT,
                        "Canary enabled")
                .define(
                        CANARY_TOPIC_CONFIG,
                        Type.STRING,
                        "kafka_health_canary",
                        new TopicNameValidator(),
                        Importance.LOW,
                        "Topic the canary writes to and reads from; created if missing.",
                        GROUP_CANARY,
                        ++order,
                        Width.MEDIUM,
                        "Canary topic",
                        new CanaryVisible())
                .define(
                        CANARY_MESSAGES_CONFIG,
                        Type.INT,
                        5,
                        Range.between(1, 1_000),
                        Importance.LOW,
                        "Canary messages produced per poll; the latency percentiles are over these.",
                        GROUP_CANARY,
                        ++order,
                        Width.SHORT,
                        "Canary messages per poll",
                        new CanaryVisible());
        order = 0;
        def.define(
                TOPIC_CONFIG,
                Type.STRING,
                "kafka_health",
                new TopicNameValidator(),
                Importance.HIGH,
                "Topic the health records are written to.",
                GROUP_OUTPUT,
                ++order,
                Width.MEDIUM,
                "Topic");
        return def;
    }

    /**
     * The clusters to monitor: the one under {@code kafka.*} (unnamed), or each named in {@code clusters} with the
     * settings under {@code clusters.<name>.}.
     */
    public List<MonitoredCluster> clusters() {
        List<String> aliases = getList(CLUSTERS_CONFIG);
        if (aliases.isEmpty()) {
            return List.of(monitoredCluster(null, KAFKA_PREFIX));
        }
        List<MonitoredCluster> clusters = new ArrayList<>();
        for (String alias : aliases) {
            clusters.add(monitoredCluster(alias, clusterPrefix(alias)));
        }
        return clusters;
    }

    /**
     * A cluster's client settings: every setting under its prefix without the prefix, secrets in clear (only the
     * clients see them), and timeouts short enough that a poll never hangs on an unreachable cluster.
     */
    private MonitoredCluster monitoredCluster(String alias, String prefix) {
        Map<String, Object> props = new HashMap<>();
        for (Map.Entry<String, Object> e : originalsWithPrefix(prefix).entrySet()) {
            if (e.getValue() != null) {
                props.put(e.getKey(), e.getValue() instanceof Password p ? p.value() : e.getValue());
            }
        }
        props.putIfAbsent("default.api.timeout.ms", DEFAULT_API_TIMEOUT_MS);
        long apiTimeoutMs = parseMillis(prefix, "default.api.timeout.ms", props.get("default.api.timeout.ms"));
        // The admin client refuses a request timeout above its API timeout: a lower API timeout lowers the default.
        props.putIfAbsent("request.timeout.ms", (int) Math.min(DEFAULT_REQUEST_TIMEOUT_MS, apiTimeoutMs));
        long requestTimeoutMs = parseMillis(prefix, "request.timeout.ms", props.get("request.timeout.ms"));
        return new MonitoredCluster(
                alias, getString(prefix + BOOTSTRAP_SERVERS), props, apiTimeoutMs, requestTimeoutMs);
    }

    /**
     * The client settings of each cluster that name a file ({@code *.location}, {@code *.file}: trust and key stores,
     * OAuth assertion files) in a place the worker's operator does not let the bundle read, by key, with the reason.
     */
    public Map<String, String> clientFileRefusals(PathAllowList readPaths) {
        Map<String, String> refusals = new TreeMap<>();
        for (MonitoredCluster cluster : clusters()) {
            String prefix = cluster.name() == null ? KAFKA_PREFIX : clusterPrefix(cluster.name());
            cluster.clientProps().forEach((key, value) -> {
                String path = value.toString().trim();
                if ((key.endsWith(".location") || key.endsWith(".file")) && !path.isEmpty()) {
                    try {
                        readPaths.refusal(Path.of(path)).ifPresent(reason -> refusals.put(prefix + key, reason));
                    } catch (InvalidPathException e) {
                        refusals.put(prefix + key, "Not a path: " + e.getMessage());
                    }
                }
            });
        }
        return refusals;
    }

    private static long parseMillis(String prefix, String key, Object value) {
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(prefix + key, value, "Must be a number of milliseconds");
        }
    }

    public List<Pattern> groupsInclude() {
        return patterns(GROUPS_INCLUDE_CONFIG);
    }

    public List<Pattern> groupsExclude() {
        return patterns(GROUPS_EXCLUDE_CONFIG);
    }

    public List<Pattern> topicsInclude() {
        return patterns(TOPICS_INCLUDE_CONFIG);
    }

    public List<Pattern> topicsExclude() {
        return patterns(TOPICS_EXCLUDE_CONFIG);
    }

    public long listRefreshIntervalMs() {
        return getLong(LIST_REFRESH_INTERVAL_MS_CONFIG);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS_CONFIG);
    }

    public int statusWindowCommits() {
        return getInt(STATUS_WINDOW_COMMITS_CONFIG);
    }

    public long statusErrorAfterMs() {
        return getLong(STATUS_ERROR_AFTER_MS_CONFIG);
    }

    public int timeLagSamples() {
        return getInt(TIME_LAG_SAMPLES_CONFIG);
    }

    public int lagTopPartitions() {
        return getInt(LAG_TOP_PARTITIONS_CONFIG);
    }

    public long throughputBaselineMs() {
        return getLong(THROUGHPUT_BASELINE_MS_CONFIG);
    }

    public boolean canaryEnabled() {
        return getBoolean(CANARY_ENABLED_CONFIG);
    }

    public String canaryTopic() {
        return getString(CANARY_TOPIC_CONFIG);
    }

    public int canaryMessagesPerPoll() {
        return getInt(CANARY_MESSAGES_CONFIG);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    private List<Pattern> patterns(String key) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : getList(key)) {
            patterns.add(Pattern.compile(regex));
        }
        return patterns;
    }

    /** Whole-name match against the include list and no exclude entry. */
    static boolean selected(String name, List<Pattern> include, List<Pattern> exclude) {
        return include.stream().anyMatch(p -> p.matcher(name).matches())
                && exclude.stream().noneMatch(p -> p.matcher(name).matches());
    }

    /** Recommends a fixed list (or nothing) and shows the key only when the security protocol contains a marker. */
    private static final class FixedValues implements ConfigDef.Recommender {
        private final List<String> values;
        private final String protocolMarker;
        private final String protocolKey;

        FixedValues(List<String> values, String protocolMarker, String protocolKey) {
            this.values = values;
            this.protocolMarker = protocolMarker;
            this.protocolKey = protocolKey;
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return values == null ? List.of() : new ArrayList<>(values);
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            Object protocol = parsedConfig.get(protocolKey);
            return protocolMarker == null
                    || (protocol != null && protocol.toString().contains(protocolMarker));
        }
    }

    /** Cluster names: each usable in a key ({@code clusters.<name>.bootstrap.servers}), none twice. */
    private static final class AliasListValidator implements ConfigDef.Validator {
        private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]+");

        @Override
        public void ensureValid(String name, Object value) {
            List<?> aliases = (List<?>) value;
            if (aliases == null) {
                return;
            }
            for (Object alias : aliases) {
                if (!ALIAS.matcher(alias.toString()).matches()) {
                    throw new ConfigException(
                            name, value, "Cluster name '" + alias + "' may only hold letters, digits, '_' and '-'");
                }
            }
            if (aliases.stream().distinct().count() < aliases.size()) {
                throw new ConfigException(name, value, "A cluster name appears twice");
            }
        }

        @Override
        public String toString() {
            return "names of letters, digits, '_' and '-', none twice";
        }
    }

    private static final class CanaryVisible implements ConfigDef.Recommender {
        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return List.of();
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return Boolean.TRUE.equals(parsedConfig.get(CANARY_ENABLED_CONFIG));
        }
    }
}
