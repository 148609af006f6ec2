package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.config.HttpUrlValidator;
import dev.telemetry.connect.common.config.RegexValidator;
import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.common.config.TopicNameValidator;
import dev.telemetry.connect.common.config.ValuesRecommender;
import dev.telemetry.connect.common.http.HttpPeerKeys;
import dev.telemetry.connect.common.http.SslContexts;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.schema.SharedKeys;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of {@code MetricsScrapeSourceConnector}: the connector-wide keys in a ConfigDef, and the dynamic
 * per-target keys {@code targets.<name>.*}, which a ConfigDef cannot declare and {@link #targetErrors} checks instead,
 * each error under its own key.
 */
public class MetricsScrapeSourceConfig extends AbstractConfig {

    public static final String TARGETS_CONFIG = "targets";
    public static final String TOPIC_CONFIG = "topic";
    public static final String FORMAT_CONFIG = "format";
    public static final String MAPPING_ENABLED_CONFIG = "mapping.enabled";
    public static final String METRICS_INCLUDE_CONFIG = "metrics.include";
    public static final String METRICS_EXCLUDE_CONFIG = "metrics.exclude";
    public static final String SCRAPE_INTERVAL_MS_CONFIG = "scrape.interval.ms";
    public static final String SCRAPE_TIMEOUT_MS_CONFIG = "scrape.timeout.ms";
    public static final String SCRAPE_MAX_BYTES_CONFIG = "scrape.max.bytes";
    public static final String SAMPLE_LIMIT_CONFIG = "sample.limit";
    public static final String LABEL_LIMIT_CONFIG = "label.limit";
    public static final String RECORD_MAX_BYTES_CONFIG = "record.max.bytes";
    public static final String BEARER_TOKEN_CONFIG = "bearer.token";
    public static final String BEARER_TOKEN_TARGETS_CONFIG = "bearer.token.targets";
    public static final String TRUSTSTORE_PATH_CONFIG = HttpPeerKeys.TRUSTSTORE_PATH.name();
    public static final String TRUSTSTORE_PASSWORD_CONFIG = HttpPeerKeys.TRUSTSTORE_PASSWORD.name();
    public static final String TRUSTSTORE_TYPE_CONFIG = HttpPeerKeys.TRUSTSTORE_TYPE.name();
    public static final String KEYSTORE_PATH_CONFIG = HttpPeerKeys.KEYSTORE_PATH.name();
    public static final String KEYSTORE_PASSWORD_CONFIG = HttpPeerKeys.KEYSTORE_PASSWORD.name();
    public static final String KEYSTORE_TYPE_CONFIG = HttpPeerKeys.KEYSTORE_TYPE.name();
    // Per target only (targets.<name>.basic.auth.*): basic credentials go to the one target they are set on.
    public static final String BASIC_AUTH_USER_CONFIG = HttpPeerKeys.BASIC_AUTH_USER.name();
    public static final String BASIC_AUTH_PASSWORD_CONFIG = HttpPeerKeys.BASIC_AUTH_PASSWORD.name();

    /** Per-target keys, after {@code targets.<name>.}. */
    public static final String TARGET_URL = "url";

    public static final String TARGET_SOURCE = "source";
    public static final String TARGET_LABELS = "labels";
    static final List<String> TARGET_KEYS = List.of(
            TARGET_URL,
            TARGET_SOURCE,
            TARGET_LABELS,
            SCRAPE_INTERVAL_MS_CONFIG,
            SCRAPE_TIMEOUT_MS_CONFIG,
            BEARER_TOKEN_CONFIG,
            TRUSTSTORE_PATH_CONFIG,
            TRUSTSTORE_PASSWORD_CONFIG,
            KEYSTORE_PATH_CONFIG,
            KEYSTORE_PASSWORD_CONFIG,
            BASIC_AUTH_USER_CONFIG,
            BASIC_AUTH_PASSWORD_CONFIG);

    /** The per-target keys that hold secrets, never shown. */
    static final List<String> TARGET_SECRETS = List.of(
            BEARER_TOKEN_CONFIG, TRUSTSTORE_PASSWORD_CONFIG, KEYSTORE_PASSWORD_CONFIG, BASIC_AUTH_PASSWORD_CONFIG);

    public static final String FORMAT_SNAPSHOT = "snapshot";
    public static final String FORMAT_SAMPLES = "samples";

    /** Set by the connector on each task: the targets that task alone scrapes. */
    public static final String TASK_TARGETS_CONFIG = "task.targets";

    /** Set by the connector on each task when targets are discovered: the task's index and the number of tasks. */
    public static final String TASK_INDEX_CONFIG = "task.index";

    public static final String TASK_COUNT_CONFIG = "task.count";

    static final long MIN_INTERVAL_MS = 100;
    static final long MAX_INTERVAL_MS = 86_400_000;

    private static final NamedKeys NAMED_TARGET_KEYS = new NamedKeys(TARGETS_CONFIG, "target");
    static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private static final String GROUP_TARGETS = "Targets";
    private static final String GROUP_SCRAPING = "Scraping";
    private static final String GROUP_RECORDS = "Records";

    public static final ConfigDef CONFIG_DEF = configDef();

    public MetricsScrapeSourceConfig(Map<String, String> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        int order = 0;
        ConfigDef def = new ConfigDef()
                .define(
                        TARGETS_CONFIG,
                        Type.LIST,
                        List.of(),
                        NAMED_TARGET_KEYS.namesValidator(),
                        Importance.HIGH,
                        "Names of the targets to scrape. Each name N needs targets.N.url (an http:// "
                                + "or https:// URL of a Prometheus or OpenMetrics endpoint) and may set "
                                + "targets.N.source "
                                + "(the record key and stream field; default N), targets.N.labels (k=v,... added to "
                                + "its records), and its own scrape.interval.ms, scrape.timeout.ms, bearer.token (its "
                                + "own token, sent to it alone), "
                                + "tls.truststore.path, tls.truststore.password, tls.keystore.path, "
                                + "tls.keystore.password as targets.N.<key>, and targets.N.basic.auth.user with "
                                + "targets.N.basic.auth.password (HTTP basic authentication, sent to it alone when it "
                                + "has no token). Each target is a source partition scraped by exactly one task. May "
                                + "be empty when targets are discovered (sd.file.path, sd.http.url).",
                        GROUP_TARGETS,
                        ++order,
                        Width.LONG,
                        "Targets");
        order = 0;
        def.define(
                        SCRAPE_INTERVAL_MS_CONFIG,
                        Type.LONG,
                        15_000L,
                        Range.between(MIN_INTERVAL_MS, MAX_INTERVAL_MS),
                        Importance.HIGH,
                        "Time between the starts of two scrapes of a target.",
                        GROUP_SCRAPING,
                        ++order,
                        Width.SHORT,
                        "Scrape interval (ms)")
                .define(
                        SCRAPE_TIMEOUT_MS_CONFIG,
                        Type.LONG,
                        10_000L,
                        Range.between(10, MAX_INTERVAL_MS),
                        Importance.MEDIUM,
                        "Longest a scrape may take, from connecting to the end of the body; must "
                                + "be below the scrape interval. A scrape that takes longer gives up=0.",
                        GROUP_SCRAPING,
                        ++order,
                        Width.SHORT,
                        "Scrape timeout (ms)")
                .define(
                        SCRAPE_MAX_BYTES_CONFIG,
                        Type.INT,
                        10 * 1024 * 1024,
                        Range.between(1024, 1 << 30),
                        Importance.LOW,
                        "Largest body accepted; a larger one is refused (up=0, scrape_error says so).",
                        GROUP_SCRAPING,
                        ++order,
                        Width.SHORT,
                        "Max body bytes")
                .define(
                        SAMPLE_LIMIT_CONFIG,
                        Type.INT,
                        0,
                        Range.atLeast(0),
                        Importance.MEDIUM,
                        "Most samples a scrape may keep after metrics.include and metrics.exclude, as Prometheus's "
                                + "sample_limit: a scrape with more fails (up=0, scrape_error 'sample.limit exceeded') "
                                + "and none of its samples is written. 0: no limit.",
                        GROUP_SCRAPING,
                        ++order,
                        Width.SHORT,
                        "Sample limit")
                .define(
                        LABEL_LIMIT_CONFIG,
                        Type.INT,
                        0,
                        Range.atLeast(0),
                        Importance.LOW,
                        "Most labels a kept sample may have, its metric name counted as one (Prometheus's __name__), "
                                + "the target's own labels not counted, as Prometheus's label_limit: a scrape with a "
                                + "sample over it fails (up=0, scrape_error 'label.limit exceeded'). 0: no limit.",
                        GROUP_SCRAPING,
                        ++order,
                        Width.SHORT,
                        "Label limit")
                .define(
                        BEARER_TOKEN_CONFIG,
                        Type.PASSWORD,
                        null,
                        Importance.MEDIUM,
                        "Token sent as 'Authorization: Bearer <token>' to the targets named in "
                                + BEARER_TOKEN_TARGETS_CONFIG + " that have no token of their own; never to other "
                                + "targets, so adding a target does not hand it the token.",
                        GROUP_SCRAPING,
                        ++order,
                        Width.MEDIUM,
                        "Bearer token")
                .define(
                        BEARER_TOKEN_TARGETS_CONFIG,
                        Type.LIST,
                        List.of(),
                        Importance.MEDIUM,
                        "Names of the targets that receive " + BEARER_TOKEN_CONFIG + ". A target not named here "
                                + "gets no token unless it sets targets.<name>." + BEARER_TOKEN_CONFIG + ".",
                        GROUP_SCRAPING,
                        ++order,
                        Width.LONG,
                        "Targets of the bearer token");
        for (SharedKey key : HttpPeerKeys.TLS) {
            key.define(def, GROUP_SCRAPING, ++order);
        }
        order = 0;
        def.define(
                        TOPIC_CONFIG,
                        Type.STRING,
                        SharedKeys.TOPIC_METRICS.defaultValue(),
                        new TopicNameValidator(),
                        Importance.HIGH,
                        "Topic the scrape records are written to.",
                        GROUP_RECORDS,
                        ++order,
                        Width.MEDIUM,
                        "Topic")
                .define(
                        FORMAT_CONFIG,
                        Type.STRING,
                        FORMAT_SNAPSHOT,
                        ValidString.in(FORMAT_SNAPSHOT, FORMAT_SAMPLES),
                        Importance.HIGH,
                        "snapshot: one record per target per scrape, its samples as a map of "
                                + "name{labels} to value with rates, histogram quantiles and the mapped fields. "
                                + "samples: one record per sample (name, labels, value, type, rate), plus up and "
                                + "scrape_duration_seconds records.",
                        GROUP_RECORDS,
                        ++order,
                        Width.SHORT,
                        "Record format",
                        new ValuesRecommender(List.of(FORMAT_SNAPSHOT, FORMAT_SAMPLES)))
                .define(
                        RECORD_MAX_BYTES_CONFIG,
                        Type.INT,
                        512 * 1024,
                        Range.between(64 * 1024, 64 * 1024 * 1024),
                        Importance.LOW,
                        "Largest size of one record, estimated as its JSON: a snapshot larger than this is written "
                                + "as several records (parts), and a scrape with a series whose name and labels take "
                                + "more than half of it fails (up=0). Keep it below the producer's max.request.size "
                                + "(1048576 by default) and the topic's max.message.bytes, with room for the "
                                + "converter's envelope (a JSON schema adds about 2 KB).",
                        GROUP_RECORDS,
                        ++order,
                        Width.SHORT,
                        "Max record bytes")
                .define(
                        METRICS_INCLUDE_CONFIG,
                        Type.STRING,
                        ".*",
                        new RegexValidator(),
                        Importance.MEDIUM,
                        "Keep only samples whose metric name matches this regular expression (whole name).",
                        GROUP_RECORDS,
                        ++order,
                        Width.LONG,
                        "Include metrics")
                .define(
                        METRICS_EXCLUDE_CONFIG,
                        Type.STRING,
                        "",
                        new RegexValidator(),
                        Importance.MEDIUM,
                        "Drop samples whose metric name matches this regular expression (whole name); empty drops "
                                + "none. Applied after metrics.include.",
                        GROUP_RECORDS,
                        ++order,
                        Width.LONG,
                        "Exclude metrics")
                .define(
                        MAPPING_ENABLED_CONFIG,
                        Type.BOOLEAN,
                        true,
                        Importance.MEDIUM,
                        "Add the generator's field names where the target exposes matching series: api_calls and "
                                + "response_time (ms) from HTTP request histograms or counters, queries and "
                                + "slow_queries from query counters, each over the last scrape interval.",
                        GROUP_RECORDS,
                        ++order,
                        Width.SHORT,
                        "Map to generator fields");
        MetricRelabelRule.define(def, GROUP_RECORDS, ++order);
        ServiceDiscoveryKeys.define(def);
        return def;
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public boolean samplesFormat() {
        return FORMAT_SAMPLES.equals(getString(FORMAT_CONFIG));
    }

    public boolean mappingEnabled() {
        return getBoolean(MAPPING_ENABLED_CONFIG);
    }

    public Pattern include() {
        return Pattern.compile(getString(METRICS_INCLUDE_CONFIG));
    }

    /** Null when nothing is excluded. */
    public Pattern exclude() {
        String exclude = getString(METRICS_EXCLUDE_CONFIG);
        return exclude.isEmpty() ? null : Pattern.compile(exclude);
    }

    public int maxBytes() {
        return getInt(SCRAPE_MAX_BYTES_CONFIG);
    }

    public int recordMaxBytes() {
        return getInt(RECORD_MAX_BYTES_CONFIG);
    }

    public ScrapeLimits limits() {
        return new ScrapeLimits(getInt(SAMPLE_LIMIT_CONFIG), getInt(LABEL_LIMIT_CONFIG), recordMaxBytes());
    }

    public List<String> targetNames() {
        return getList(TARGETS_CONFIG).stream().map(String::trim).toList();
    }

    public static String targetKey(String target, String key) {
        return TARGETS_CONFIG + "." + target + "." + key;
    }

    /** Every listed target with its effective settings; throws naming the first bad key. */
    public List<ScrapeTarget> targets() {
        Map<String, List<String>> errors = targetErrors(originalsStrings());
        if (!errors.isEmpty()) {
            Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + first.getValue().get(0));
        }
        List<ScrapeTarget> targets = new ArrayList<>();
        for (String name : targetNames()) {
            targets.add(target(name, originalsStrings()));
        }
        return targets;
    }

    private ScrapeTarget target(String name, Map<String, String> props) {
        String source = props.getOrDefault(targetKey(name, TARGET_SOURCE), name).trim();
        long interval = longOf(props, name, SCRAPE_INTERVAL_MS_CONFIG, getLong(SCRAPE_INTERVAL_MS_CONFIG));
        long timeout = longOf(props, name, SCRAPE_TIMEOUT_MS_CONFIG, getLong(SCRAPE_TIMEOUT_MS_CONFIG));
        String token = props.get(targetKey(name, BEARER_TOKEN_CONFIG));
        String basicAuthPassword = props.get(targetKey(name, BASIC_AUTH_PASSWORD_CONFIG));
        return new ScrapeTarget(
                name,
                URI.create(props.get(targetKey(name, TARGET_URL)).trim()),
                source,
                labels(props.get(targetKey(name, TARGET_LABELS))),
                interval,
                timeout,
                token != null ? new Password(token) : sharedToken(name),
                tlsStores(name, props),
                props.get(targetKey(name, BASIC_AUTH_USER_CONFIG)),
                basicAuthPassword == null ? null : new Password(basicAuthPassword));
    }

    /** A target's TLS stores: each path and password its own where set, else the connector-wide one. */
    private TlsStores tlsStores(String name, Map<String, String> props) {
        return new TlsStores(
                props.getOrDefault(targetKey(name, TRUSTSTORE_PATH_CONFIG), getString(TRUSTSTORE_PATH_CONFIG)),
                passwordOf(props, name, TRUSTSTORE_PASSWORD_CONFIG),
                getString(TRUSTSTORE_TYPE_CONFIG),
                props.getOrDefault(targetKey(name, KEYSTORE_PATH_CONFIG), getString(KEYSTORE_PATH_CONFIG)),
                passwordOf(props, name, KEYSTORE_PASSWORD_CONFIG),
                getString(KEYSTORE_TYPE_CONFIG));
    }

    private Password passwordOf(Map<String, String> props, String name, String key) {
        String own = props.get(targetKey(name, key));
        return own != null ? new Password(own) : getPassword(key);
    }

    /** The connector-wide token if {@code target} is one it is scoped to; null otherwise. */
    private Password sharedToken(String target) {
        return bearerTokenTargets().contains(target) ? getPassword(BEARER_TOKEN_CONFIG) : null;
    }

    private List<String> bearerTokenTargets() {
        return getList(BEARER_TOKEN_TARGETS_CONFIG).stream().map(String::trim).toList();
    }

    /**
     * Errors of the connector-wide token's scope, by key: a token that names no target to go to (it would go
     * nowhere), a scope without a token, and names in the scope that are not listed targets. The check across keys of
     * {@link #BEARER_TOKEN_TARGETS_CONFIG}, for {@code validate()} and {@code start()}; the token never reaches an
     * unnamed target whether or not it is called.
     */
    public Map<String, List<String>> bearerTokenScopeErrors() {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Password token = getPassword(BEARER_TOKEN_CONFIG);
        boolean hasToken =
                token != null && token.value() != null && !token.value().isEmpty();
        List<String> scope = bearerTokenTargets();
        if (hasToken && scope.isEmpty()) {
            add(
                    errors,
                    BEARER_TOKEN_TARGETS_CONFIG,
                    "Name the targets that receive " + BEARER_TOKEN_CONFIG + "; it is sent to no other target");
        }
        if (!hasToken && !scope.isEmpty()) {
            add(errors, BEARER_TOKEN_TARGETS_CONFIG, "Names targets for " + BEARER_TOKEN_CONFIG + ", which is not set");
        }
        Set<String> names = new HashSet<>(targetNames());
        for (String named : scope) {
            if (!names.contains(named)) {
                add(
                        errors,
                        BEARER_TOKEN_TARGETS_CONFIG,
                        "Target '" + named + "' is not listed in '" + TARGETS_CONFIG + "'");
            }
        }
        return errors;
    }

    /**
     * Errors of the per-target keys and of the checks across keys, by the key each belongs to: a missing or bad URL,
     * a bad source or label, numbers out of range, a timeout not below its interval, a trust store that cannot be
     * read, and {@code targets.*} keys of unlisted targets or unknown names. Assumes the ConfigDef keys are valid.
     */
    public Map<String, List<String>> targetErrors(Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        NAMED_TARGET_KEYS.checkKeys(targetNames(), TARGET_KEYS, props, errors);
        for (String name : targetNames()) {
            String urlKey = targetKey(name, TARGET_URL);
            String url = props.get(urlKey);
            if (url == null || url.isBlank()) {
                add(errors, urlKey, "Target '" + name + "' needs a URL: set " + urlKey);
            } else if (HttpUrlValidator.problemWith(url) != null) {
                add(errors, urlKey, HttpUrlValidator.problemWith(url));
            }
            String sourceKey = targetKey(name, TARGET_SOURCE);
            String source = props.get(sourceKey);
            if (source != null && !SOURCE_NAME.matcher(source.trim()).matches()) {
                add(
                        errors,
                        sourceKey,
                        "A source is one word of letters, digits, '.', '_' or '-', not '" + source + "'");
            }
            String labelsKey = targetKey(name, TARGET_LABELS);
            try {
                labels(props.get(labelsKey));
            } catch (IllegalArgumentException e) {
                add(errors, labelsKey, e.getMessage());
            }
            String intervalKey = targetKey(name, SCRAPE_INTERVAL_MS_CONFIG);
            String timeoutKey = targetKey(name, SCRAPE_TIMEOUT_MS_CONFIG);
            Long interval =
                    checkedLong(props, intervalKey, MIN_INTERVAL_MS, getLong(SCRAPE_INTERVAL_MS_CONFIG), errors);
            Long timeout = checkedLong(props, timeoutKey, 10, getLong(SCRAPE_TIMEOUT_MS_CONFIG), errors);
            if (interval != null && timeout != null && timeout >= interval) {
                String blamed = props.containsKey(timeoutKey)
                        ? timeoutKey
                        : props.containsKey(intervalKey) ? intervalKey : SCRAPE_TIMEOUT_MS_CONFIG;
                add(
                        errors,
                        blamed,
                        "The scrape timeout (" + timeout + " ms) must be below the scrape interval (" + interval
                                + " ms) of target '" + name + "'");
            }
            try {
                SslContexts.create(tlsStores(name, props));
            } catch (SslContexts.StoreException e) {
                String store = e.keystore() ? KEYSTORE_PATH_CONFIG : TRUSTSTORE_PATH_CONFIG;
                add(errors, props.containsKey(targetKey(name, store)) ? targetKey(name, store) : store, e.getMessage());
            }
            String userKey = targetKey(name, BASIC_AUTH_USER_CONFIG);
            String user = props.get(userKey);
            if (user != null && user.indexOf(':') >= 0) {
                add(errors, userKey, "A basic auth user name cannot contain ':'");
            }
            String passwordKey = targetKey(name, BASIC_AUTH_PASSWORD_CONFIG);
            if (props.containsKey(passwordKey) && (user == null || user.isEmpty())) {
                add(errors, passwordKey, passwordKey + " is set without " + userKey);
            }
        }
        return errors;
    }

    /** A per-target number, or the connector-wide default; null (and an error) when it is not a valid one. */
    private static Long checkedLong(
            Map<String, String> props, String key, long min, long fallback, Map<String, List<String>> errors) {
        String text = props.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > MAX_INTERVAL_MS) {
                add(errors, key, "Value must be in [" + min + ", " + MAX_INTERVAL_MS + "] ms, not " + value);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            add(errors, key, "Not a whole number of milliseconds: '" + text + "'");
            return null;
        }
    }

    private static long longOf(Map<String, String> props, String target, String key, long fallback) {
        String text = props.get(targetKey(target, key));
        return text == null ? fallback : Long.parseLong(text.trim());
    }

    /** {@code k=v,k2=v2} as a map, keys being Prometheus label names; empty for null or blank. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return labels;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (eq < 0 || !LABEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("Labels are name=value pairs separated by commas, each name "
                        + "[A-Za-z_][A-Za-z0-9_]*; '" + pair.trim() + "' is not one");
            }
            if (labels.put(name, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("Label '" + name + "' is given twice");
            }
        }
        return labels;
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    // ---- Service discovery and metric relabelling ----------------------------------------------------------------

    /** Whether targets are discovered from a file_sd file or an http_sd endpoint. */
    public boolean discoveryEnabled() {
        return sdFilePath() != null || sdHttpUrl() != null;
    }

    /** Null when no file_sd file is set. */
    Path sdFilePath() {
        String path = getString(ServiceDiscoveryKeys.FILE_PATH);
        return path == null || path.isBlank() ? null : Path.of(path.trim());
    }

    long sdFileRefreshIntervalMs() {
        return getLong(ServiceDiscoveryKeys.FILE_REFRESH_INTERVAL_MS);
    }

    /** Null when no http_sd endpoint is set. */
    URI sdHttpUrl() {
        String url = getString(ServiceDiscoveryKeys.HTTP_URL);
        return url == null || url.isBlank() ? null : URI.create(url.trim());
    }

    long sdHttpRefreshIntervalMs() {
        return getLong(ServiceDiscoveryKeys.HTTP_REFRESH_INTERVAL_MS);
    }

    String sdScheme() {
        return getString(ServiceDiscoveryKeys.SCHEME);
    }

    String sdMetricsPath() {
        return getString(ServiceDiscoveryKeys.METRICS_PATH);
    }

    String sdSource() {
        return getString(ServiceDiscoveryKeys.SOURCE);
    }

    int sdMaxTargets() {
        return getInt(ServiceDiscoveryKeys.MAX_TARGETS);
    }

    /**
     * A discovered target, named by its URL (its source partition), with the connector-wide settings. It never gets
     * the bearer token, which goes only to the static targets named in {@link #BEARER_TOKEN_TARGETS_CONFIG}: whoever
     * writes the discovery list could otherwise send the token anywhere.
     */
    ScrapeTarget discoveredTarget(URI url, String source, Map<String, String> labels) {
        return new ScrapeTarget(
                url.toString(),
                url,
                source,
                labels,
                getLong(SCRAPE_INTERVAL_MS_CONFIG),
                getLong(SCRAPE_TIMEOUT_MS_CONFIG),
                null,
                connectorTlsStores(),
                null,
                null);
    }

    /** The connector-wide trust and key stores, which discovered targets use. */
    TlsStores connectorTlsStores() {
        return new TlsStores(
                getString(TRUSTSTORE_PATH_CONFIG),
                getPassword(TRUSTSTORE_PASSWORD_CONFIG),
                getString(TRUSTSTORE_TYPE_CONFIG),
                getString(KEYSTORE_PATH_CONFIG),
                getPassword(KEYSTORE_PASSWORD_CONFIG),
                getString(KEYSTORE_TYPE_CONFIG));
    }

    List<String> relabelRuleNames() {
        return getList(MetricRelabelRule.RULES_CONFIG).stream()
                .map(String::trim)
                .toList();
    }

    /** The keep/drop rules in order; throws naming the first bad key. */
    List<MetricRelabelRule> relabelRules() {
        Map<String, List<String>> errors = MetricRelabelRule.errors(relabelRuleNames(), originalsStrings());
        if (!errors.isEmpty()) {
            Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + ": " + first.getValue().get(0));
        }
        return MetricRelabelRule.rules(relabelRuleNames(), originalsStrings());
    }
}
