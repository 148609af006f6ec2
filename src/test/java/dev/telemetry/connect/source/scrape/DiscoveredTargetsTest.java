package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.testkit.OperatorSettings;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus's meta labels turned into scrape targets, and the targets refused. */
class DiscoveredTargetsTest {

    @Test
    void metaLabelsMakeTheUrlAndAreDroppedFromTheTargetsLabels() throws IOException {
        DiscoveredTargets.Result result = discovered(1000)
                .of(TargetGroup.parse(TargetGroupTest.resource("targets.json"), TargetGroup.Syntax.JSON));

        assertThat(result.refused()).isEmpty();
        assertThat(result.targets())
                .containsOnlyKeys(
                        "http://10.0.10.2:9100/metrics",
                        "http://10.0.10.3:9100/metrics",
                        "http://10.0.10.4:9100/metrics",
                        "http://10.0.10.5:9100/metrics",
                        "http://10.0.40.2:9187/probe?target=postgres%3A%2F%2Fdb-1%3A5432",
                        "http://10.0.40.3:9187/probe?target=postgres%3A%2F%2Fdb-1%3A5432",
                        "http://localhost:3000/metrics");
        ScrapeTarget node = result.targets().get("http://10.0.10.3:9100/metrics");
        assertThat(node.name()).isEqualTo("http://10.0.10.3:9100/metrics");
        assertThat(node.url()).isEqualTo(URI.create("http://10.0.10.3:9100/metrics"));
        assertThat(node.source()).as("the job label").isEqualTo("node");
        assertThat(node.labels()).isEqualTo(Map.of("env", "production", "job", "node", "instance", "10.0.10.3:9100"));
        assertThat(node.bearerToken())
                .as("discovered targets never get the token")
                .isNull();
        assertThat(node.intervalMs()).isEqualTo(15_000);
        ScrapeTarget probe = result.targets().get("http://10.0.40.2:9187/probe?target=postgres%3A%2F%2Fdb-1%3A5432");
        assertThat(probe.labels()).doesNotContainKeys("__metrics_path__", "__param_target", "__address__");
        assertThat(result.targets().get("http://localhost:3000/metrics").source())
                .as("no job label: sd.source")
                .isEqualTo("scrape");
    }

    @Test
    void schemeAndInstanceFromLabelsWin() {
        DiscoveredTargets.Result result = discovered(1000)
                .of(List.of(new TargetGroup(
                        List.of("127.0.0.1:8443"),
                        Map.of("__scheme__", "https", "instance", "edge-1", "job", "two words"))));
        ScrapeTarget target = result.targets().get("https://127.0.0.1:8443/metrics");
        assertThat(target.labels()).containsEntry("instance", "edge-1");
        assertThat(target.source()).as("a job that is no source name").isEqualTo("scrape");
    }

    @Test
    void malformedAddressesAndSchemesAreRefusedWithTheReason() {
        DiscoveredTargets.Result result = discovered(1000)
                .of(List.of(
                        new TargetGroup(
                                List.of("http://127.0.0.1:9100", "user@127.0.0.1:9100", "127.0.0.1:9100/x", "a b:1"),
                                Map.of()),
                        new TargetGroup(List.of("127.0.0.1:9101"), Map.of("__scheme__", "ftp")),
                        new TargetGroup(List.of("127.0.0.1:9102"), Map.of("__metrics_path__", "metrics"))));
        assertThat(result.targets()).isEmpty();
        assertThat(result.refused()).hasSize(6);
        assertThat(result.refused().get("user@127.0.0.1:9100")).contains("is not a host:port address");
        assertThat(result.refused().get("127.0.0.1:9101")).contains("http:// or https://");
        assertThat(result.refused().get("127.0.0.1:9102")).contains("does not start with '/'");
    }

    @Test
    void aTargetOutsideTheOperatorsNetworksIsRefusedAndNotScraped() {
        DiscoveredTargets.Result metadata = discovered(1000)
                .of(List.of(new TargetGroup(List.of("169.254.169.254:80", "127.0.0.1:9100"), Map.of())));
        assertThat(metadata.targets()).containsOnlyKeys("http://127.0.0.1:9100/metrics");
        assertThat(metadata.refused().get("http://169.254.169.254:80/metrics")).contains("169.254.169.254");

        try (OperatorSettings ignored = OperatorSettings.set(OperatorPolicy.NETWORKS_PROPERTY, "127.0.0.0/8")) {
            DiscoveredTargets.Result outside =
                    discovered(1000).of(List.of(new TargetGroup(List.of("10.0.0.1:9100", "127.0.0.1:9100"), Map.of())));
            assertThat(outside.targets()).containsOnlyKeys("http://127.0.0.1:9100/metrics");
            assertThat(outside.refused().get("http://10.0.0.1:9100/metrics"))
                    .contains("outside the networks the worker's operator allows");
        }
    }

    @Test
    void aUrlListedTwiceIsOneTargetAndTargetsBeyondTheLimitAreRefused() {
        DiscoveredTargets.Result result = discovered(2)
                .of(List.of(
                        new TargetGroup(List.of("127.0.0.1:1", "127.0.0.1:2"), Map.of("job", "first")),
                        new TargetGroup(List.of("127.0.0.1:1", "127.0.0.1:3"), Map.of("job", "second"))));
        assertThat(result.targets()).containsOnlyKeys("http://127.0.0.1:1/metrics", "http://127.0.0.1:2/metrics");
        assertThat(result.targets().get("http://127.0.0.1:1/metrics").source()).isEqualTo("first");
        assertThat(result.refused()).containsOnlyKeys("http://127.0.0.1:3/metrics");
        assertThat(result.refused().get("http://127.0.0.1:3/metrics")).contains("sd.max.targets");
    }

    static DiscoveredTargets discovered(int maxTargets) {
        MetricsScrapeSourceConfig config = new MetricsScrapeSourceConfig(Map.of("sd.file.path", "/tmp/targets.json"));
        return new DiscoveredTargets(
                "http",
                "/metrics",
                "scrape",
                maxTargets,
                OperatorPolicy.ofWorker().networks(),
                config::discoveredTarget);
    }
}
