package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Prometheus's metric_relabel_configs keep and drop, on label values, with their defaults and errors. */
class MetricRelabelRuleTest {

    private static final Map<String, String> TARGET_LABELS = Map.of("job", "node", "instance", "host-1:9100");

    @Test
    void dropMatchesTheJoinedLabelValuesAgainstTheWholeRegex() {
        List<MetricRelabelRule> rules = rules(Map.of(
                "metrics.relabel", "noLoopback",
                "metrics.relabel.noLoopback.action", "drop",
                "metrics.relabel.noLoopback.source.labels", "__name__,device",
                "metrics.relabel.noLoopback.regex", "node_network_.+;lo"));

        assertThat(keeps(rules, "node_network_receive_bytes_total", "device", "lo"))
                .isFalse();
        assertThat(keeps(rules, "node_network_receive_bytes_total", "device", "eth0"))
                .isTrue();
        assertThat(keeps(rules, "node_network_receive_bytes_total", "device", "lo0"))
                .as("anchored: lo0 is not lo")
                .isTrue();
        assertThat(keeps(rules, "node_cpu_seconds_total", "device", "lo")).isTrue();
    }

    @Test
    void keepKeepsOnlyMatchingSamplesAndAMissingLabelIsEmpty() {
        List<MetricRelabelRule> rules = rules(Map.of(
                "metrics.relabel", "onlyRealDisks",
                "metrics.relabel.onlyRealDisks.action", "keep",
                "metrics.relabel.onlyRealDisks.source.labels", "device",
                "metrics.relabel.onlyRealDisks.regex", "sd[a-z]+|nvme\\d+n\\d+|"));

        assertThat(keeps(rules, "node_disk_io_time_seconds_total", "device", "sda"))
                .isTrue();
        assertThat(keeps(rules, "node_disk_io_time_seconds_total", "device", "nvme0n1"))
                .isTrue();
        assertThat(keeps(rules, "node_disk_io_time_seconds_total", "device", "loop3"))
                .isFalse();
        assertThat(keeps(rules, "node_load1"))
                .as("no device label: the empty value matches")
                .isTrue();
    }

    @Test
    void aLabelTheSampleLacksIsReadFromTheTargetAndTheSeparatorJoins() {
        List<MetricRelabelRule> rules = rules(Map.of(
                "metrics.relabel", "nodeOnly",
                "metrics.relabel.nodeOnly.action", "keep",
                "metrics.relabel.nodeOnly.source.labels", "job,mode",
                "metrics.relabel.nodeOnly.separator", "/",
                "metrics.relabel.nodeOnly.regex", "node/(user|system)"));

        assertThat(keeps(rules, "node_cpu_seconds_total", "mode", "user")).isTrue();
        assertThat(keeps(rules, "node_cpu_seconds_total", "mode", "idle")).isFalse();
        assertThat(keeps(rules, "node_cpu_seconds_total", "mode", "system", "job", "other"))
                .as("the sample's own label comes first")
                .isFalse();
    }

    @Test
    void rulesApplyInOrderAndTheDefaultRegexMatchesEverything() {
        Map<String, String> props = new HashMap<>();
        props.put("metrics.relabel", "keepAll, dropIdle");
        props.put("metrics.relabel.keepAll.action", "keep");
        props.put("metrics.relabel.keepAll.source.labels", "__name__");
        props.put("metrics.relabel.dropIdle.action", "drop");
        props.put("metrics.relabel.dropIdle.source.labels", "mode");
        props.put("metrics.relabel.dropIdle.regex", "idle");
        List<MetricRelabelRule> rules = rules(props);

        assertThat(rules).extracting(MetricRelabelRule::name).containsExactly("keepAll", "dropIdle");
        assertThat(keeps(rules, "node_cpu_seconds_total", "mode", "idle")).isFalse();
        assertThat(keeps(rules, "node_cpu_seconds_total", "mode", "user")).isTrue();
    }

    @Test
    void everyErrorNamesItsKey() {
        Map<String, String> props = new HashMap<>();
        props.put("metrics.relabel", "a,b");
        props.put("metrics.relabel.a.action", "replace");
        props.put("metrics.relabel.a.source.labels", "job,9bad");
        props.put("metrics.relabel.a.regex", "(unclosed");
        props.put("metrics.relabel.b.action", "drop");
        props.put("metrics.relabel.b.colour", "blue");
        props.put("metrics.relabel.c.action", "keep");

        Map<String, List<String>> errors = MetricRelabelRule.errors(List.of("a", "b"), props);

        assertThat(errors)
                .containsOnlyKeys(
                        "metrics.relabel.a.action",
                        "metrics.relabel.a.source.labels",
                        "metrics.relabel.a.regex",
                        "metrics.relabel.b.source.labels",
                        "metrics.relabel.b.colour",
                        "metrics.relabel.c.action");
        assertThat(errors.get("metrics.relabel.a.action").get(0)).contains("keep or drop, not 'replace'");
        assertThat(errors.get("metrics.relabel.a.source.labels").get(0)).contains("'9bad' is not a label name");
        assertThat(errors.get("metrics.relabel.a.regex").get(0)).contains("Invalid regular expression");
        assertThat(errors.get("metrics.relabel.b.source.labels").get(0)).contains("needs the label names");
        assertThat(errors.get("metrics.relabel.b.colour").get(0)).contains("Unknown rule key");
        assertThat(errors.get("metrics.relabel.c.action").get(0)).contains("not listed");
    }

    private static List<MetricRelabelRule> rules(Map<String, String> props) {
        Map<String, String> config = new HashMap<>(props);
        config.put("targets", "app");
        config.put("targets.app.url", "http://127.0.0.1:9/metrics");
        return new MetricsScrapeSourceConfig(config).relabelRules();
    }

    /** Whether a sample named {@code name} with the labels given as pairs passes every rule. */
    private static boolean keeps(List<MetricRelabelRule> rules, String name, String... labelPairs) {
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        Sample sample = new Sample(name, MetricType.COUNTER, name, labels, 1.0, null);
        return MetricRelabelRule.keepsAll(rules, sample, TARGET_LABELS);
    }
}
