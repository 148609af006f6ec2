package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsScrapeSourceConnectorTest {

    private final MetricsScrapeSourceConnector connector = new MetricsScrapeSourceConnector();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 10})
    void spreadsTargetsOverTasksWithoutSharingAny(int maxTasks) {
        Map<String, String> props = new HashMap<>();
        props.put("targets", "a,b,c,d,e");
        for (String target : List.of("a", "b", "c", "d", "e")) {
            props.put("targets." + target + ".url", "http://127.0.0.1:9/" + target);
        }
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(maxTasks);

        assertThat(configs).hasSize(Math.min(maxTasks, 5));
        List<String> assigned = new ArrayList<>();
        for (Map<String, String> config : configs) {
            assigned.addAll(List.of(
                    config.get(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG).split(",")));
        }
        assertThat(assigned).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void aValidConfigHasNoErrors() {
        assertThat(errors(validConfig())).isEmpty();
        assertThat(connector.version()).isEqualTo(Version.get());
        assertThat(connector.exactlyOnceSupport(validConfig())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    }

    @Test
    void everyErrorNamesItsKey() {
        Map<String, String> config = new HashMap<>();
        config.put("targets", "api,db");
        config.put("targets.api.url", "ftp://example.org/metrics");
        config.put("targets.api.labels", "env=prod,9bad=x");
        config.put("targets.api.scrape.interval.ms", "soon");
        config.put("targets.db.source", "two words");
        config.put("targets.db.scrape.timeout.ms", "20000");
        config.put("targets.web.url", "http://127.0.0.1:1/metrics");
        config.put("targets.api.colour", "blue");
        Map<String, List<String>> errors = errors(config);

        assertThat(errors)
                .containsOnlyKeys(
                        "targets.api.url",
                        "targets.api.labels",
                        "targets.api.scrape.interval.ms",
                        "targets.db.url",
                        "targets.db.source",
                        "targets.db.scrape.timeout.ms",
                        "targets.web.url",
                        "targets.api.colour");
        assertThat(errors.get("targets.api.url").get(0)).contains("http:// or https://");
        assertThat(errors.get("targets.db.url").get(0)).contains("needs a URL");
        assertThat(errors.get("targets.db.scrape.timeout.ms").get(0)).contains("below the scrape interval");
        assertThat(errors.get("targets.web.url").get(0)).contains("not listed");
        assertThat(errors.get("targets.api.colour").get(0)).contains("Unknown target key");
    }

    @Test
    void aSecretOfAnUnlistedTargetIsNotEchoed() {
        Map<String, String> config = validConfig();
        config.put("targets.old.bearer.token", "s3cret");
        ConfigValue value = connector.validate(config).configValues().stream()
                .filter(v -> v.name().equals("targets.old.bearer.token"))
                .findFirst()
                .orElseThrow();
        assertThat(value.errorMessages())
                .singleElement()
                .asString()
                .contains("not listed")
                .doesNotContain("s3cret");
        assertThat(value.value()).isEqualTo("[hidden]");
    }

    @Test
    void sharedKeysAreCheckedByTheConfigDef() {
        Map<String, String> config = validConfig();
        config.put("metrics.include", "node_(cpu");
        config.put("format", "table");
        config.put("scrape.interval.ms", "5");
        config.put("topic", "no spaces");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsKeys("metrics.include", "format", "scrape.interval.ms", "topic");
        assertThat(errors.get("metrics.include").get(0)).contains("position 9");
    }

    @Test
    void aSharedTimeoutNotBelowTheIntervalIsBlamedOnTheTimeoutKey() {
        Map<String, String> config = validConfig();
        config.remove("targets.node.scrape.interval.ms");
        config.put("scrape.interval.ms", "1000");
        config.put("scrape.timeout.ms", "1000");
        assertThat(errors(config)).containsOnlyKeys("scrape.timeout.ms");
    }

    @Test
    void missingTargetsIsRefused() {
        Map<String, String> config = validConfig();
        config.remove("targets");
        assertThat(errors(config)).containsKey("targets");
        config.put("targets", "a,a");
        assertThat(errors(config).get("targets").get(0)).contains("listed twice");
    }

    @Test
    void withDiscoveryEveryTaskIsStartedAndToldItsPlace() {
        Map<String, String> props = new HashMap<>();
        props.put("targets", "");
        props.put("sd.file.path", "/srv/prometheus/targets.json");
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(3);
        assertThat(configs).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(configs.get(i))
                    .containsEntry(MetricsScrapeSourceConfig.TASK_INDEX_CONFIG, Integer.toString(i))
                    .containsEntry(MetricsScrapeSourceConfig.TASK_COUNT_CONFIG, "3")
                    .containsEntry(MetricsScrapeSourceConfig.TASK_TARGETS_CONFIG, "");
        }
    }

    @Test
    void discoveryKeysAreRefusedOnTheirKeys() {
        Map<String, String> config = new HashMap<>();
        config.put("targets", "");
        assertThat(errors(config).get("targets").get(0)).contains("Name at least one target", "sd.file.path");

        config.put("sd.file.path", "/srv/prometheus/targets.txt");
        config.put("sd.http.url", "http://169.254.169.254/targets");
        config.put("sd.metrics.path", "metrics");
        config.put("sd.source", "two words");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("sd.file.path", "sd.http.url", "sd.metrics.path", "sd.source");
        assertThat(errors.get("sd.file.path").get(0)).contains("*.json, *.yml or *.yaml");
        assertThat(errors.get("sd.http.url").get(0)).contains("169.254.169.254 is in 169.254.0.0/16");

        config.remove("sd.http.url");
        config.remove("sd.metrics.path");
        config.remove("sd.source");
        config.put("sd.file.path", "/etc/shadow.json");
        assertThat(errors(config).get("sd.file.path").get(0)).contains("Cannot use the file_sd file", "/etc");
        config.put("sd.file.path", "targets.json");
        assertThat(errors(config).get("sd.file.path").get(0)).contains("not an absolute path");
        config.put("sd.file.path", "/srv/prometheus/targets.yml");
        assertThat(errors(config)).isEmpty();
        config.put("tls.truststore.path", "/srv/prometheus/no-such-store.p12");
        assertThat(errors(config).get("tls.truststore.path").get(0)).contains("Cannot read the trust store");
    }

    @Test
    void relabelRulesAreRefusedOnTheirKeys() {
        Map<String, String> config = validConfig();
        config.put("metrics.relabel", "dropLo,dropLo");
        assertThat(errors(config).get("metrics.relabel").get(0)).contains("listed twice");
        config.put("metrics.relabel", "dropLo");
        config.put("metrics.relabel.dropLo.action", "delete");
        config.put("metrics.relabel.dropLo.source.labels", "device");
        config.put("metrics.relabel.dropLo.regex", "lo(");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("metrics.relabel.dropLo.action", "metrics.relabel.dropLo.regex");
        assertThatThrownBy(() -> connector.start(config)).hasMessageContaining("metrics.relabel.dropLo.action");
        config.put("metrics.relabel.dropLo.action", "drop");
        config.put("metrics.relabel.dropLo.regex", "lo");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void targetsTheOperatorDoesNotAllowAreRefusedOnTheirKey() {
        Map<String, String> config = validConfig();
        config.put("targets", "node,metadata");
        config.put("targets.metadata.url", "http://169.254.169.254/latest/meta-data");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("targets.metadata.url");
        assertThat(errors.get("targets.metadata.url").get(0))
                .contains("169.254.169.254 is in 169.254.0.0/16", "telemetry.allowed.networks");
    }

    @Test
    void aSharedTokenMustNameItsTargetsAndIsNeverEchoed() {
        Map<String, String> config = validConfig();
        config.put("bearer.token", "s3cret-token");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors).containsOnlyKeys("bearer.token", "bearer.token.targets");
        assertThat(errors.get("bearer.token.targets").get(0)).contains("Name the targets");
        assertThat(errors.toString()).doesNotContain("s3cret-token");
        assertThatThrownBy(() -> connector.start(config)).hasMessageContaining("bearer.token");

        config.put("bearer.token.targets", "node,elsewhere");
        assertThat(errors(config).get("bearer.token.targets"))
                .singleElement()
                .asString()
                .contains("'elsewhere'");
        config.put("bearer.token.targets", "node");
        assertThat(errors(config)).isEmpty();
    }

    @Test
    void startRefusesWhatValidateRefuses() {
        Map<String, String> config = validConfig();
        config.put("targets.node.url", "not a url");
        assertThatThrownBy(() -> connector.start(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets.node.url");
    }

    @Test
    void alterOffsetsAcceptsScrapeTimesAndResetsAndRefusesAnythingElse() {
        Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
        good.put(Map.of("target", "node"), Map.of("scrape_time_ms", 1_700_000_000_000L));
        good.put(Map.of("target", "api"), null);
        assertThat(connector.alterOffsets(validConfig(), good)).isTrue();

        Map<Map<String, ?>, Map<String, ?>> badOffset = new HashMap<>();
        badOffset.put(Map.of("target", "node"), Map.of("seq", 5L));
        assertThatThrownBy(() -> connector.alterOffsets(validConfig(), badOffset))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("scrape_time_ms");
        Map<Map<String, ?>, Map<String, ?>> badPartition = new HashMap<>();
        badPartition.put(Map.of("stream", "web"), null);
        assertThatThrownBy(() -> connector.alterOffsets(validConfig(), badPartition))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("target");
    }

    private Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : connector.validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    private static Map<String, String> validConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("targets", "node");
        config.put("targets.node.url", "http://127.0.0.1:9100/metrics");
        config.put("targets.node.source", "database");
        config.put("targets.node.labels", "env=test, team=infra");
        config.put("targets.node.scrape.interval.ms", "20000");
        return config;
    }
}
