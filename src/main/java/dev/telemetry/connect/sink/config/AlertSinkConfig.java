package dev.telemetry.connect.sink.config;

import dev.telemetry.connect.common.config.HttpUrlValidator;
import dev.telemetry.connect.common.config.NonEmptyListValidator;
import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.common.config.TopicNameValidator;
import dev.telemetry.connect.common.config.ValuesRecommender;
import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.common.http.HttpPeerKeys;
import dev.telemetry.connect.common.http.HttpTransportConfig;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.SharedKeys;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.sink.audit.AuditClientConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The alert sink's configuration: every key in its group, with documentation, validator and recommender; the keys
 * it shares with other plugins come from {@link SharedKeys}.
 */
public final class AlertSinkConfig extends AbstractConfig {

    public static final String DESTINATION_CONFIG = "destination";

    public static final String SOURCE_FIELDS_CONFIG = "source.fields";
    public static final String MESSAGE_FIELD_CONFIG = "message.field";
    public static final String SUMMARY_TEMPLATE_CONFIG = "summary.template";
    public static final String DESCRIPTION_TEMPLATE_CONFIG = "description.template";
    public static final String LABELS_FIELDS_CONFIG = "labels.fields";
    public static final String LINK_TEMPLATE_CONFIG = "alert.link.template";

    public static final String DEDUP_WINDOW_MS_CONFIG = "dedup.window.ms";
    public static final String DEDUP_KEY_FIELDS_CONFIG = "dedup.key.fields";
    public static final String DEDUP_MAX_RECORDS_CONFIG = "dedup.max.records";
    public static final String DEDUP_MAX_BYTES_CONFIG = "dedup.max.bytes";

    public static final String BATCH_MAX_SIZE_CONFIG = "batch.max.size";
    public static final String BATCH_MAX_WAIT_MS_CONFIG = "batch.max.wait.ms";

    public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String PUT_MAX_TIME_MS_CONFIG = "put.max.time.ms";

    /** The consumer setting a sink connector overrides for its own tasks, and Kafka's default for it. */
    public static final String MAX_POLL_INTERVAL_OVERRIDE = "consumer.override.max.poll.interval.ms";

    static final long DEFAULT_MAX_POLL_INTERVAL_MS = 300_000L;

    public static final String HTTP_CONNECT_TIMEOUT_MS_CONFIG = HttpTransportConfig.CONNECT_TIMEOUT_MS;
    public static final String HTTP_REQUEST_TIMEOUT_MS_CONFIG = HttpTransportConfig.REQUEST_TIMEOUT_MS;

    public static final String FILE_PATH_CONFIG = "file.path";
    public static final String FILE_ROTATE_BYTES_CONFIG = "file.rotate.bytes";

    public static final String WEBHOOK_URL_CONFIG = "webhook.url";
    public static final String WEBHOOK_HEADERS_CONFIG = "webhook.headers";
    public static final String WEBHOOK_AUTH_TOKEN_CONFIG = "webhook.auth.token";

    public static final String SLACK_WEBHOOK_URL_CONFIG = "slack.webhook.url";
    public static final String SLACK_MIN_INTERVAL_MS_CONFIG = "slack.min.interval.ms";

    public static final String ALERTMANAGER_URLS_CONFIG = "alertmanager.urls";
    public static final String ALERTMANAGER_ALERTNAME_CONFIG = "alertmanager.alertname";
    public static final String RESOLVE_TIMEOUT_MS_CONFIG = "resolve.timeout.ms";

    public static final String AUDIT_TOPIC_CONFIG = "audit.topic";
    /** Connect's prefix for a connector's own producer settings, of which the audit producer takes the login. */
    public static final String PRODUCER_OVERRIDE_PREFIX = "producer.override.";

    /** Names in {@code dedup.key.fields} that mean the alert's own attributes rather than record fields. */
    public static final String KEY_SEVERITY = "severity";

    public static final String KEY_CATEGORY = "category";
    public static final String KEY_SOURCE = "source";

    private static final String GROUP_DESTINATION = "Destination";
    private static final String GROUP_ALERT = "Alert content";
    private static final String GROUP_DEDUP = "Deduplication";
    private static final String GROUP_DELIVERY = "Batching and retries";
    private static final String GROUP_HTTP = "HTTP";
    private static final String GROUP_FILE = "File destination";
    private static final String GROUP_WEBHOOK = "Webhook destination";
    private static final String GROUP_SLACK = "Slack destination";
    private static final String GROUP_ALERTMANAGER = "Alertmanager destination";
    private static final String GROUP_AUDIT = "Audit";

    public static final ConfigDef CONFIG_DEF = configDef();

    /** Parses the keys of the ConfigDef; {@link AlertSinkValidator} checks them across keys. */
    public AlertSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(
                DESTINATION_CONFIG,
                Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.CaseInsensitiveValidString.in(Destination.NAMES.toArray(new String[0])),
                Importance.HIGH,
                "Where alerts go: 'file' (JSON Lines), 'webhook' (HTTP POST of JSON batches), 'slack' (incoming webhook) or "
                        + "'alertmanager' (Prometheus Alertmanager API v2). One destination per connector.",
                GROUP_DESTINATION,
                ++order,
                Width.SHORT,
                "Destination",
                new ValuesRecommender(Destination.NAMES));

        order = 0;
        SharedKeys.MIN_SEVERITY.define(def, GROUP_ALERT, ++order);
        SharedKeys.DEFAULT_SEVERITY.define(def, GROUP_ALERT, ++order);
        SharedKeys.SEVERITY_FIELD.define(def, GROUP_ALERT, ++order);
        SharedKeys.SEVERITY_HEADER.define(def, GROUP_ALERT, ++order);
        SharedKeys.CATEGORY_FIELD.define(def, GROUP_ALERT, ++order);
        SharedKeys.CATEGORY_HEADER.define(def, GROUP_ALERT, ++order);
        SharedKeys.DEFAULT_CATEGORY.define(def, GROUP_ALERT, ++order);
        def.define(
                SOURCE_FIELDS_CONFIG,
                Type.LIST,
                List.of(TelemetrySchemas.SERVICE, "source", TelemetrySchemas.STREAM),
                Importance.MEDIUM,
                "Value fields tried in order for the alert's source; the topic name when none is present.",
                GROUP_ALERT,
                ++order,
                Width.LONG,
                "Source fields");
        def.define(
                MESSAGE_FIELD_CONFIG,
                Type.STRING,
                TelemetrySchemas.MESSAGE,
                Importance.MEDIUM,
                "Value field holding the message that becomes the summary (first line) and description when no template is set.",
                GROUP_ALERT,
                ++order,
                Width.MEDIUM,
                "Message field");
        def.define(
                SUMMARY_TEMPLATE_CONFIG,
                Type.STRING,
                "",
                new TemplateValidator(),
                Importance.MEDIUM,
                "Summary text with ${field.path} placeholders (${path:-fallback} for a missing value; also ${severity}, "
                        + "${category}, ${source}, ${topic}, ${partition}, ${offset}, ${id}). Empty: the message's first line.",
                GROUP_ALERT,
                ++order,
                Width.LONG,
                "Summary template");
        def.define(
                DESCRIPTION_TEMPLATE_CONFIG,
                Type.STRING,
                "",
                new TemplateValidator(),
                Importance.MEDIUM,
                "Description text with ${field.path} placeholders, as for summary.template. Empty: the whole message, "
                        + "or the record's fields as 'name: value' lines when there is no message.",
                GROUP_ALERT,
                ++order,
                Width.LONG,
                "Description template");
        def.define(
                LABELS_FIELDS_CONFIG,
                Type.LIST,
                "",
                Importance.MEDIUM,
                "Value fields (dotted paths) copied into the alert's labels; the label name is the path with every "
                        + "character outside [A-Za-z0-9_] replaced by '_'. Missing fields are left out.",
                GROUP_ALERT,
                ++order,
                Width.LONG,
                "Label fields");
        SharedKeys.EVENT_TIME_FIELD.define(def, GROUP_ALERT, ++order);
        SharedKeys.PROCESSED_TIME_FIELD.define(def, GROUP_ALERT, ++order);
        def.define(
                LINK_TEMPLATE_CONFIG,
                Type.STRING,
                "",
                new TemplateValidator(),
                Importance.LOW,
                "Link to where a human looks next (a dashboard, a log search), with ${field.path} placeholders whose "
                        + "values are percent-encoded. Sent as Alertmanager's generatorURL and as the Slack link. Empty: no link.",
                GROUP_ALERT,
                ++order,
                Width.LONG,
                "Link template");

        order = 0;
        def.define(
                DEDUP_WINDOW_MS_CONFIG,
                Type.LONG,
                0L,
                ConfigDef.Range.atLeast(0),
                Importance.MEDIUM,
                "Repeats of the same alert key are folded into one delivery carrying the count, in windows per "
                        + "partition: a window opens at the partition's first alert and closes at an alert whose event "
                        + "time is this many milliseconds after the window's first, or once held this long on the task's "
                        + "clock. A window's folds are delivered and committed together, so a restart forms them again "
                        + "under the same ids. 0 turns it off.",
                GROUP_DEDUP,
                ++order,
                Width.SHORT,
                "Dedup window (ms)");
        def.define(
                DEDUP_KEY_FIELDS_CONFIG,
                Type.LIST,
                List.of(KEY_SEVERITY, KEY_CATEGORY, KEY_SOURCE),
                new NonEmptyListValidator(),
                Importance.LOW,
                "What makes two alerts repeats: 'severity', 'category', 'source', or any value field path.",
                GROUP_DEDUP,
                ++order,
                Width.LONG,
                "Dedup key fields");
        def.define(
                DEDUP_MAX_RECORDS_CONFIG,
                Type.INT,
                10_000,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Most records one dedup window holds. The record that reaches it closes its window at once: the "
                        + "window's folds are delivered early, as more, smaller folds; nothing is dropped, and a "
                        + "restart closes the window at the same record. Early releases are logged (WARN at the first "
                        + "of a storm). With " + DEDUP_MAX_BYTES_CONFIG
                        + ", bounds what an alert storm holds in memory: per "
                        + "partition of the task.",
                GROUP_DEDUP,
                ++order,
                Width.SHORT,
                "Dedup max records");
        def.define(
                DEDUP_MAX_BYTES_CONFIG,
                Type.LONG,
                16L * 1024 * 1024,
                ConfigDef.Range.atLeast(1024),
                Importance.LOW,
                "Most bytes of records one dedup window holds, estimated from their keys, values and headers "
                        + "(strings, numbers, bytes, maps, lists, structs) as they sit in the task's heap. The record "
                        + "that reaches it closes its window early, as " + DEDUP_MAX_RECORDS_CONFIG + " does.",
                GROUP_DEDUP,
                ++order,
                Width.SHORT,
                "Dedup max bytes");

        order = 0;
        def.define(
                BATCH_MAX_SIZE_CONFIG,
                Type.INT,
                100,
                ConfigDef.Range.between(1, 10_000),
                Importance.MEDIUM,
                "Most alerts in one delivery (one HTTP request, one file write).",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Batch size");
        def.define(
                BATCH_MAX_WAIT_MS_CONFIG,
                Type.LONG,
                0L,
                ConfigDef.Range.atLeast(0),
                Importance.MEDIUM,
                "Longest an alert waits for its batch to fill before it is sent anyway. 0 sends every partial batch "
                        + "at the end of the put() call that queued it, as soon as the records Connect polled are "
                        + "handled: the fastest alerts. A longer wait trades latency for fewer, larger requests "
                        + "(an alert waits up to this long for others to share its request).",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Batch wait (ms)");
        def.define(
                RETRY_MAX_ATTEMPTS_CONFIG,
                Type.INT,
                5,
                ConfigDef.Range.between(1, 100),
                Importance.MEDIUM,
                "Attempts per delivery (network errors, timeouts, 429, 5xx) before the task hands the batch back to "
                        + "Connect with a RetriableException and tries again later.",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Retry attempts");
        def.define(
                RETRY_BACKOFF_MS_CONFIG,
                Type.LONG,
                500L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "First backoff; it doubles each attempt, with jitter.",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Retry backoff (ms)");
        def.define(
                RETRY_BACKOFF_MAX_MS_CONFIG,
                Type.LONG,
                30_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Longest backoff. A Retry-After is honoured up to this between attempts; when retries run out, the task "
                        + "asks Connect to redeliver the batch after the wait the destination asked for (at most a day), "
                        + "but Connect redelivers at its next offset commit (offset.flush.interval.ms) at the latest, so a "
                        + "longer Retry-After is not honoured in full.",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Retry backoff max (ms)");

        def.define(
                PUT_MAX_TIME_MS_CONFIG,
                Type.LONG,
                60_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Longest one call of the task spends delivering (retry waits and Slack pacing included; no new request or "
                        + "wait starts after it). The rest is handed back to Connect and delivered in the next call, so the "
                        + "worker's consumer polls in time. With the longest single attempt (2 x http.request.timeout.ms per "
                        + "URL) it must stay below the consumer's max.poll.interval.ms (" + DEFAULT_MAX_POLL_INTERVAL_MS
                        + " unless set with " + MAX_POLL_INTERVAL_OVERRIDE + "; a lower worker-wide consumer.max.poll."
                        + "interval.ms is not visible to the connector).",
                GROUP_DELIVERY,
                ++order,
                Width.SHORT,
                "Time per put (ms)");

        order = 0;
        Set<Destination> http = Set.of(Destination.WEBHOOK, Destination.SLACK, Destination.ALERTMANAGER);
        HttpTransportConfig.define(def, GROUP_HTTP, new DestinationRecommender(http));
        // After http.connect.timeout.ms and http.request.timeout.ms, which HttpTransportConfig defines at 1 and 2.
        // Slack takes only the TLS keys: its URL is its credential.
        order = 2;
        for (SharedKey key : HttpPeerKeys.ALL) {
            key.define(def, GROUP_HTTP, ++order);
        }

        order = 0;
        DestinationRecommender file = new DestinationRecommender(Set.of(Destination.FILE));
        def.define(
                FILE_PATH_CONFIG,
                Type.STRING,
                "",
                Importance.HIGH,
                "JSON Lines file the alerts are appended to, whole lines only; an unfinished last line left by a crash "
                        + "is moved to <file.path>.torn when the file is opened, so every line parses. Tasks sharing the "
                        + "file take turns through a lock on <file.path>.lock. Its directory must exist and be writable. "
                        + "Required for destination=file.",
                GROUP_FILE,
                ++order,
                Width.LONG,
                "File path",
                file);
        def.define(
                FILE_ROTATE_BYTES_CONFIG,
                Type.LONG,
                0L,
                ConfigDef.Range.atLeast(0),
                Importance.LOW,
                "Rotate the file when the next write would take it past this size: before that write it is renamed to "
                        + "<file.path>.<n> (n = 1, 2, ..., one above the highest existing; an existing file is never "
                        + "replaced) and a new file is started. 0 turns rotation off.",
                GROUP_FILE,
                ++order,
                Width.SHORT,
                "Rotate size (bytes)",
                file);

        order = 0;
        DestinationRecommender webhook = new DestinationRecommender(Set.of(Destination.WEBHOOK));
        def.define(
                WEBHOOK_URL_CONFIG,
                Type.PASSWORD,
                "",
                HttpUrlValidator.secretUrl(),
                Importance.HIGH,
                "http(s) URL the JSON batches are POSTed to. Redirects are not followed. Required for destination=webhook. "
                        + "A password key, masked by the REST API and never logged, since many receivers put a "
                        + "credential in the URL (a Slack or Teams webhook, a token query parameter).",
                GROUP_WEBHOOK,
                ++order,
                Width.LONG,
                "Webhook URL",
                webhook);
        def.define(
                WEBHOOK_HEADERS_CONFIG,
                Type.PASSWORD,
                "",
                new HeaderListValidator(),
                Importance.LOW,
                "Extra request headers as comma-separated 'Name: value' entries. A password key, masked by the REST API "
                        + "and never logged or echoed in errors, since credentials go here ('Authorization: Basic ...' "
                        + "is set through basic.auth.user and basic.auth.password, a bearer token through webhook.auth.token; "
                        + "'X-Api-Key: ...', 'GenieKey ...' here).",
                GROUP_WEBHOOK,
                ++order,
                Width.LONG,
                "Webhook headers",
                webhook);
        def.define(
                WEBHOOK_AUTH_TOKEN_CONFIG,
                Type.PASSWORD,
                null,
                Importance.MEDIUM,
                "Sent as 'Authorization: Bearer <token>'. Never logged, masked in validation output. Not together with "
                        + "basic.auth.user, which also sets the Authorization header.",
                GROUP_WEBHOOK,
                ++order,
                Width.LONG,
                "Webhook bearer token",
                webhook);

        order = 0;
        DestinationRecommender slack = new DestinationRecommender(Set.of(Destination.SLACK));
        def.define(
                SLACK_WEBHOOK_URL_CONFIG,
                Type.PASSWORD,
                "",
                HttpUrlValidator.secretUrl(),
                Importance.HIGH,
                "Slack incoming-webhook URL. Required for destination=slack. Its path is a credential, so it is "
                        + "masked by the REST API and never logged.",
                GROUP_SLACK,
                ++order,
                Width.LONG,
                "Slack webhook URL",
                slack);
        def.define(
                SLACK_MIN_INTERVAL_MS_CONFIG,
                Type.LONG,
                1_000L,
                ConfigDef.Range.atLeast(0),
                Importance.LOW,
                "Least time between two Slack messages (Slack allows about one per second per webhook).",
                GROUP_SLACK,
                ++order,
                Width.SHORT,
                "Slack message interval (ms)",
                slack);

        order = 0;
        DestinationRecommender alertmanager = new DestinationRecommender(Set.of(Destination.ALERTMANAGER));
        def.define(
                ALERTMANAGER_URLS_CONFIG,
                Type.LIST,
                "",
                HttpUrlValidator.urlList(),
                Importance.HIGH,
                "Base URLs of the Alertmanagers (an HA pair lists each member); alerts are POSTed to /api/v2/alerts of "
                        + "every one, and a batch counts as delivered once at least one accepted it, as Prometheus does. "
                        + "Required for destination=alertmanager.",
                GROUP_ALERTMANAGER,
                ++order,
                Width.LONG,
                "Alertmanager URLs",
                alertmanager);
        def.define(
                ALERTMANAGER_ALERTNAME_CONFIG,
                Type.STRING,
                "TelemetryAlert",
                new ConfigDef.NonEmptyString(),
                Importance.LOW,
                "Value of the 'alertname' label.",
                GROUP_ALERTMANAGER,
                ++order,
                Width.MEDIUM,
                "Alert name",
                alertmanager);
        def.define(
                RESOLVE_TIMEOUT_MS_CONFIG,
                Type.LONG,
                300_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "An alert's endsAt is the send time plus this; Alertmanager resolves it then unless it is sent again.",
                GROUP_ALERTMANAGER,
                ++order,
                Width.SHORT,
                "Resolve timeout (ms)",
                alertmanager);

        def.define(
                AUDIT_TOPIC_CONFIG,
                Type.STRING,
                "",
                ConfigDef.LambdaValidator.with(
                        (name, value) -> {
                            if (value instanceof String topic && !topic.isEmpty()) {
                                new TopicNameValidator().ensureValid(name, topic);
                            }
                        },
                        () -> "empty, or a legal Kafka topic name"),
                Importance.LOW,
                "Topic that gets one receipt record per delivery outcome (key: the alert id; value: JSON with "
                        + "alert_id, destination, result, attempts, status, at, records), besides the INFO line "
                        + "every outcome gets in the worker log, so that 'was alert X sent, and when?' outlives log "
                        + "rotation. Written by the task's own producer as this sink's own principal: the login of "
                        + AuditClientConfig.LOGIN_OVERRIDE + " (the one its dead-letter queue producer uses), on the "
                        + "cluster of the Kafka client file (bootstrap.servers, security.protocol, sasl.mechanism, "
                        + "ssl.*) the worker's operator names in " + AuditClientConfig.setting()
                        + ", which no connector key can change. Without that override, the file's own login; on SASL "
                        + "without either, refused. Without the file, with this connector's "
                        + PRODUCER_OVERRIDE_PREFIX + "* settings, which must then include " + PRODUCER_OVERRIDE_PREFIX
                        + "bootstrap.servers. A task whose producer may not write the topic fails at start, naming "
                        + "the principal. Receipts are flushed before offsets are committed. Empty: log lines only.",
                GROUP_AUDIT,
                1,
                Width.MEDIUM,
                "Audit topic");
        IncidentKeys.define(def);
        return def;
    }

    public Destination destination() {
        return Destination.parse(getString(DESTINATION_CONFIG));
    }

    public Severity minSeverity() {
        return Severity.parse(getString(SharedKeys.MIN_SEVERITY.name()));
    }

    public Severity defaultSeverity() {
        return Severity.parse(getString(SharedKeys.DEFAULT_SEVERITY.name()));
    }

    public AlertTemplate summaryTemplate() {
        return optionalTemplate(SUMMARY_TEMPLATE_CONFIG);
    }

    public AlertTemplate descriptionTemplate() {
        return optionalTemplate(DESCRIPTION_TEMPLATE_CONFIG);
    }

    public AlertTemplate linkTemplate() {
        return optionalTemplate(LINK_TEMPLATE_CONFIG);
    }

    private AlertTemplate optionalTemplate(String key) {
        String text = getString(key);
        return text == null || text.isEmpty() ? null : AlertTemplate.parse(text);
    }

    public Duration duration(String key) {
        return Duration.ofMillis(getLong(key));
    }

    public Path filePath() {
        return Path.of(getString(FILE_PATH_CONFIG));
    }

    /** The webhook URL; a secret, like the Slack URL. */
    public URI webhookUri() {
        return URI.create(getPassword(WEBHOOK_URL_CONFIG).value().trim());
    }

    public List<URI> alertmanagerUris() {
        List<URI> uris = new ArrayList<>();
        for (String url : getList(ALERTMANAGER_URLS_CONFIG)) {
            uris.add(URI.create(url.trim()));
        }
        return uris;
    }

    /** The extra webhook headers, name to value, in configured order. */
    public Map<String, String> webhookHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String entry : HeaderListValidator.entries(getPassword(WEBHOOK_HEADERS_CONFIG))) {
            int colon = entry.indexOf(':');
            headers.put(
                    entry.substring(0, colon).trim(), entry.substring(colon + 1).trim());
        }
        return Collections.unmodifiableMap(headers);
    }

    /** The Slack incoming-webhook URL; a secret, like the token. */
    public URI slackWebhookUri() {
        return URI.create(getPassword(SLACK_WEBHOOK_URL_CONFIG).value().trim());
    }

    /** The trust store and client certificate for the https destinations. */
    public TlsStores tlsStores() {
        return HttpPeerKeys.tlsStores(this);
    }

    /**
     * The {@code Authorization} header value for the destination: the webhook's bearer token or basic credentials,
     * Alertmanager's basic credentials, none for Slack (whose URL is its credential) and the file. A secret: callers
     * put it in a header and nowhere else.
     */
    public Optional<String> authorization() {
        String user = getString(HttpPeerKeys.BASIC_AUTH_USER.name());
        Password password = getPassword(HttpPeerKeys.BASIC_AUTH_PASSWORD.name());
        return switch (destination()) {
            case WEBHOOK -> HttpAuthorization.of(getPassword(WEBHOOK_AUTH_TOKEN_CONFIG), user, password);
            case ALERTMANAGER -> HttpAuthorization.basic(user, password);
            case SLACK, FILE -> Optional.empty();
        };
    }
}
