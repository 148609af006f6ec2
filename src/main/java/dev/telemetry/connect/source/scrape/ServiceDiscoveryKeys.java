package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.config.HttpUrlValidator;
import dev.telemetry.connect.common.config.ValuesRecommender;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of the scrape source's service discovery (Prometheus's {@code file_sd} and {@code http_sd}), in a group of
 * their own of {@link MetricsScrapeSourceConfig#CONFIG_DEF}.
 */
final class ServiceDiscoveryKeys {

    static final String FILE_PATH = "sd.file.path";
    static final String FILE_REFRESH_INTERVAL_MS = "sd.file.refresh.interval.ms";
    static final String HTTP_URL = "sd.http.url";
    static final String HTTP_REFRESH_INTERVAL_MS = "sd.http.refresh.interval.ms";
    static final String SCHEME = "sd.scheme";
    static final String METRICS_PATH = "sd.metrics.path";
    static final String SOURCE = "sd.source";
    static final String MAX_TARGETS = "sd.max.targets";

    /** Largest discovery list read, from a file or an HTTP body: about 20,000 targets with a few labels each. */
    static final int MAX_LIST_BYTES = 4 * 1024 * 1024;

    private static final String GROUP = "Service discovery";

    private ServiceDiscoveryKeys() {}

    static void define(ConfigDef def) {
        int order = 0;
        def.define(
                        FILE_PATH,
                        Type.STRING,
                        null,
                        Importance.HIGH,
                        "A Prometheus file_sd file: a JSON (*.json) or YAML (*.yml, *.yaml) list of {targets: "
                                + "[host:port, ...], labels: {...}}. Its targets are scraped beside those of "
                                + MetricsScrapeSourceConfig.TARGETS_CONFIG + "; the file is checked every "
                                + FILE_REFRESH_INTERVAL_MS + " and re-read when it changes, so targets come and go "
                                + "without a restart. A file that does not parse keeps the last targets it gave; a "
                                + "missing file gives none. Read under the worker's read policy.",
                        GROUP,
                        ++order,
                        Width.LONG,
                        "file_sd file")
                .define(
                        FILE_REFRESH_INTERVAL_MS,
                        Type.LONG,
                        5_000L,
                        Range.between(
                                MetricsScrapeSourceConfig.MIN_INTERVAL_MS, MetricsScrapeSourceConfig.MAX_INTERVAL_MS),
                        Importance.LOW,
                        "How often the file_sd file's identity, size and modification time are checked; it is read "
                                + "again only when one of them changed, and its targets replaced only when its "
                                + "content did.",
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "file_sd check interval (ms)")
                .define(
                        HTTP_URL,
                        Type.STRING,
                        null,
                        HttpUrlValidator.url(),
                        Importance.HIGH,
                        "A Prometheus http_sd endpoint: answers HTTP 200 with Content-Type application/json and the "
                                + "same list as a file_sd file. Fetched every " + HTTP_REFRESH_INTERVAL_MS + "; a "
                                + "failed fetch keeps the last list and is logged. Called under the worker's network "
                                + "policy, as is every target it lists.",
                        GROUP,
                        ++order,
                        Width.LONG,
                        "http_sd URL")
                .define(
                        HTTP_REFRESH_INTERVAL_MS,
                        Type.LONG,
                        60_000L,
                        Range.between(1_000L, MetricsScrapeSourceConfig.MAX_INTERVAL_MS),
                        Importance.LOW,
                        "Time between two fetches of the http_sd list (Prometheus's refresh_interval).",
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "http_sd refresh interval (ms)")
                .define(
                        SCHEME,
                        Type.STRING,
                        "http",
                        ValidString.in("http", "https"),
                        Importance.MEDIUM,
                        "Scheme of a discovered target whose group sets no __scheme__ label.",
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Scheme of discovered targets",
                        new ValuesRecommender(List.of("http", "https")))
                .define(
                        METRICS_PATH,
                        Type.STRING,
                        "/metrics",
                        new AbsolutePathValidator(),
                        Importance.MEDIUM,
                        "Path of a discovered target whose group sets no __metrics_path__ label.",
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Metrics path of discovered targets")
                .define(
                        SOURCE,
                        Type.STRING,
                        "scrape",
                        new SourceNameValidator(),
                        Importance.MEDIUM,
                        "The record key and stream field of a discovered target whose labels have no job (a job "
                                + "label that is one word of letters, digits, '.', '_' or '-' is its source).",
                        GROUP,
                        ++order,
                        Width.MEDIUM,
                        "Source of discovered targets")
                .define(
                        MAX_TARGETS,
                        Type.INT,
                        1_000,
                        Range.between(1, 100_000),
                        Importance.LOW,
                        "Most targets discovery may give the connector; those beyond are refused and logged.",
                        GROUP,
                        ++order,
                        Width.SHORT,
                        "Max discovered targets");
    }

    /** A URL path: starts with '/'. */
    private static final class AbsolutePathValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || !((String) value).startsWith("/")) {
                throw new ConfigException(name, value, "A URL path starts with '/'");
            }
        }

        @Override
        public String toString() {
            return "a URL path starting with '/'";
        }
    }

    /** A record key: one word of letters, digits, '.', '_' or '-'. */
    private static final class SourceNameValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null
                    || !MetricsScrapeSourceConfig.SOURCE_NAME
                            .matcher((String) value)
                            .matches()) {
                throw new ConfigException(name, value, "A source is one word of letters, digits, '.', '_' or '-'");
            }
        }

        @Override
        public String toString() {
            return "one word of [A-Za-z0-9._-]";
        }
    }
}
