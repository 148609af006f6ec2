package dev.telemetry.connect.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.sink.config.AlertSinkConfig;
import dev.telemetry.connect.sink.sender.AlertSender;
import dev.telemetry.connect.sink.sender.AlertSenderFactory;
import dev.telemetry.connect.sink.sender.FileAlertSender;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSinkConnectorTest {

    private final AlertSinkConnector connector = new AlertSinkConnector();

    @TempDir
    Path dir;

    private Map<String, List<String>> errors(Map<String, String> props) {
        return ValidationErrors.of(connector.validate(props));
    }

    @Test
    void aValidFileConfigHasNoErrors() {
        assertThat(errors(Map.of(
                        "destination",
                        "file",
                        "file.path",
                        dir.resolve("a.jsonl").toString())))
                .isEmpty();
        assertThat(connector.version()).isEqualTo(Version.get());
    }

    @Test
    void namesTheKeyOfEveryMistake() {
        Map<String, String> props = new HashMap<>();
        props.put("destination", "pager");
        props.put("min.severity", "urgent");
        props.put("batch.max.size", "0");
        props.put("webhook.url", "ftp://example");
        props.put("summary.template", "${unclosed");
        Map<String, List<String>> errors = errors(props);
        assertThat(errors.keySet())
                .containsExactlyInAnyOrder(
                        "destination", "min.severity", "batch.max.size", "webhook.url", "summary.template");
        assertThat(errors.get("destination").get(0)).contains("pager");
        assertThat(errors.get("webhook.url").get(0))
                .as("webhook.url is a secret: many receivers carry a credential in it")
                .contains("must be an http:// or https:// URL")
                .doesNotContain("ftp://example");
    }

    /** What a REST user could make the worker write or call, refused on its key unless the operator allows it. */
    @Test
    void filesAndHostsTheOperatorDoesNotAllowAreRefusedOnTheirKey() {
        Map<String, String> file =
                new HashMap<>(Map.of("destination", "file", "file.path", "/etc/connect-distributed.properties"));
        assertThat(errors(file).get("file.path"))
                .singleElement()
                .asString()
                .contains("/etc", "telemetry.allowed.write.paths");
        assertThatThrownBy(() -> connector.start(file)).hasMessageContaining("file.path");

        Map<String, String> webhook = new HashMap<>(
                Map.of("destination", "webhook", "webhook.url", "http://169.254.169.254/latest/meta-data/iam"));
        assertThat(errors(webhook).get("webhook.url"))
                .singleElement()
                .asString()
                .contains("169.254.169.254", "telemetry.allowed.networks")
                .doesNotContain("meta-data");
        Map<String, String> alertmanager =
                new HashMap<>(Map.of("destination", "alertmanager", "alertmanager.urls", "http://[fe80::1]:9093"));
        assertThat(errors(alertmanager)).containsOnlyKeys("alertmanager.urls");

        try (OperatorSettings allowed = OperatorSettings.set(
                "telemetry.allowed.write.paths", dir.toString(), "telemetry.allowed.networks", "10.0.0.0/8")) {
            assertThat(errors(Map.of(
                            "destination",
                            "file",
                            "file.path",
                            dir.resolve("alerts.jsonl").toString())))
                    .isEmpty();
            assertThat(errors(Map.of("destination", "webhook", "webhook.url", "http://127.0.0.1:8080/hook")))
                    .containsOnlyKeys("webhook.url");
            assertThat(errors(Map.of("destination", "webhook", "webhook.url", "http://10.1.2.3:8080/hook")))
                    .isEmpty();
        }
    }

    @Test
    void aBrokenOperatorSettingIsAnErrorOnTheKeyNotAFailedRequest() {
        try (OperatorSettings broken = OperatorSettings.set("telemetry.allowed.write.paths", "relative/dir")) {
            assertThat(errors(Map.of(
                                    "destination",
                                    "file",
                                    "file.path",
                                    dir.resolve("a.jsonl").toString()))
                            .get("destination"))
                    .singleElement()
                    .asString()
                    .contains("telemetry.allowed.write.paths", "'relative/dir'");
        }
    }

    /** A relative path is checked as the worker opens it, relative to its working directory, at validate and start. */
    @Test
    void aRelativeFilePathPassesWhereItsAbsoluteFormDoes() {
        Map<String, String> props = Map.of("destination", "file", "file.path", "alerts.jsonl", "topics", "alerts");
        assertThat(errors(props)).isEmpty();
        try (AlertSender sender = AlertSenderFactory.create(new AlertSinkConfig(props))) {
            assertThat(sender).isInstanceOf(FileAlertSender.class);
        }
    }

    @Test
    void webhookHeadersAreNeverEchoed() {
        Map<String, String> props = new HashMap<>(Map.of(
                "destination", "webhook",
                "webhook.url", "http://127.0.0.1:8080/hooks",
                "webhook.headers", "X-Api-Key secret-key-123"));
        assertThat(errors(props).get("webhook.headers"))
                .singleElement()
                .asString()
                .contains("'Name: value'")
                .doesNotContain("secret-key-123");
    }

    /** As in ClassifyEvent, which writes them: an empty name would silently read nothing. */
    @Test
    void emptyClassificationAndTimeFieldNamesAreRefused() {
        Map<String, String> props = new HashMap<>();
        props.put("destination", "file");
        props.put("file.path", dir.resolve("a.jsonl").toString());
        List<String> keys = List.of(
                "severity.field", "severity.header", "category.field", "category.header", "processed.time.field");
        keys.forEach(key -> props.put(key, ""));
        assertThat(errors(props).keySet()).containsExactlyInAnyOrderElementsOf(keys);
    }

    /** Values Java's HttpClient would refuse at the first send are refused at validation, naming the key. */
    @Test
    void webhookHeaderValuesTheHttpClientRefusesAreRefused() {
        Map<String, String> props = new HashMap<>(
                Map.of("destination", "webhook", "webhook.url", "http://127.0.0.1:8080/hooks", "webhook.headers", ""));
        props.put("webhook.headers", "X-Team: café au lait, X-Env: prod");
        assertThat(errors(props)).isEmpty();
        for (String bad :
                List.of("X-Note: be\u0007ll", "X-Note: line\rbreak", "X-Rocket: \uD83D\uDE80", "X-Del: a\u007Fb")) {
            props.put("webhook.headers", bad);
            assertThat(errors(props))
                    .as(bad)
                    .containsOnlyKeys("webhook.headers")
                    .extractingByKey("webhook.headers")
                    .asList()
                    .singleElement()
                    .asString()
                    .contains("refused by Java's HTTP client");
        }
    }

    @Test
    void destinationSpecificKeysAreRequiredOnTheirOwnKey() {
        assertThat(errors(Map.of("destination", "file")).get("file.path").get(0))
                .contains("required");
        assertThat(errors(Map.of(
                                "destination",
                                "file",
                                "file.path",
                                dir.resolve("no/such/a.jsonl").toString()))
                        .get("file.path")
                        .get(0))
                .contains("does not exist");
        assertThat(errors(Map.of("destination", "webhook")).get("webhook.url").get(0))
                .contains("required");
        assertThat(errors(Map.of("destination", "alertmanager"))
                        .get("alertmanager.urls")
                        .get(0))
                .contains("required");
        assertThat(errors(Map.of("destination", "slack"))
                        .get("slack.webhook.url")
                        .get(0))
                .contains("required");
        assertThat(errors(Map.of(
                                "destination",
                                "file",
                                "file.path",
                                dir.resolve("a").toString(),
                                "retry.backoff.ms",
                                "9000",
                                "retry.backoff.max.ms",
                                "100"))
                        .get("retry.backoff.ms")
                        .get(0))
                .contains("must not exceed");
    }

    @Test
    void theAuthTokenIsMaskedInValidationOutput() {
        ConfigValue token = connector
                .validate(Map.of(
                        "destination",
                        "webhook",
                        "webhook.url",
                        "https://hooks.local/x",
                        "webhook.auth.token",
                        "s3cr3t"))
                .configValues()
                .stream()
                .filter(v -> v.name().equals("webhook.auth.token"))
                .findFirst()
                .orElseThrow();
        assertThat(String.valueOf(token.value())).doesNotContain("s3cr3t");
    }

    @Test
    void theSlackWebhookUrlIsASecretNeverEchoed() {
        ConfigValue url = connector
                .validate(Map.of(
                        "destination", "slack", "slack.webhook.url", "https://hooks.slack.local/services/T/B/s3cr3t"))
                .configValues()
                .stream()
                .filter(v -> v.name().equals("slack.webhook.url"))
                .findFirst()
                .orElseThrow();
        assertThat(url.errorMessages()).isEmpty();
        assertThat(String.valueOf(url.value())).doesNotContain("s3cr3t");
        ConfigValue bad =
                connector
                        .validate(Map.of("destination", "slack", "slack.webhook.url", "ftp://s3cr3t"))
                        .configValues()
                        .stream()
                        .filter(v -> v.name().equals("slack.webhook.url"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bad.errorMessages())
                .singleElement()
                .satisfies(m -> assertThat(m)
                        .contains("slack.webhook.url")
                        .contains("http")
                        .doesNotContain("s3cr3t"));
    }

    @Test
    void everyTaskGetsTheSameConfig() {
        connector.start(Map.of(
                "destination", "file", "file.path", dir.resolve("a.jsonl").toString()));
        assertThat(connector.taskConfigs(3))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c).containsEntry("destination", "file"));
    }

    @Test
    void aPutTimeThatDoesNotFitTheConsumersPollIntervalIsRefused() {
        Map<String, String> webhook = new HashMap<>(Map.of("destination", "webhook", "webhook.url", "http://h/hook"));
        assertThat(errors(webhook))
                .as("the defaults fit Kafka's default poll interval")
                .isEmpty();

        webhook.put("consumer.override.max.poll.interval.ms", "60000");
        assertThat(errors(webhook).get("put.max.time.ms"))
                .singleElement()
                .satisfies(message -> assertThat(message)
                        .contains("put.max.time.ms (60000 ms)")
                        .contains("2 x http.request.timeout.ms")
                        .contains("max.poll.interval.ms (60000 ms, consumer.override.max.poll.interval.ms)"));
        webhook.put("put.max.time.ms", "30000");
        assertThat(errors(webhook)).isEmpty();

        Map<String, String> pair = new HashMap<>(Map.of(
                "destination",
                "alertmanager",
                "alertmanager.urls",
                "http://am1:9093,http://am2:9093",
                "http.request.timeout.ms",
                "60000"));
        assertThat(errors(pair).get("put.max.time.ms"))
                .singleElement()
                .satisfies(message -> assertThat(message).contains("240000 ms").contains("2 Alertmanager URLs"));
    }
}
