package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** file_sd and http_sd lists as Prometheus reads them, from real-looking files in JSON and YAML. */
class TargetGroupTest {

    @Test
    void aJsonFileSdFileGivesItsGroupsInOrder() throws IOException {
        List<TargetGroup> groups = TargetGroup.parse(resource("targets.json"), TargetGroup.Syntax.JSON);
        assertThat(groups).hasSize(3);
        assertThat(groups.get(0).targets())
                .containsExactly("10.0.10.2:9100", "10.0.10.3:9100", "10.0.10.4:9100", "10.0.10.5:9100");
        assertThat(groups.get(0).labels()).isEqualTo(Map.of("env", "production", "job", "node"));
        assertThat(groups.get(1).labels())
                .containsEntry("__metrics_path__", "/probe")
                .containsEntry("__param_target", "postgres://db-1:5432");
        assertThat(groups.get(2).targets()).containsExactly("localhost:3000");
        assertThat(groups.get(2).labels()).isEmpty();
    }

    @Test
    void theSameListInYamlGivesTheSameGroups() throws IOException {
        assertThat(TargetGroup.parse(resource("targets.yml"), TargetGroup.Syntax.YAML))
                .isEqualTo(TargetGroup.parse(resource("targets.json"), TargetGroup.Syntax.JSON));
    }

    @Test
    void emptyListsAndEmptyFilesHaveNoGroups() {
        assertThat(TargetGroup.parse(bytes("[]"), TargetGroup.Syntax.JSON)).isEmpty();
        assertThat(TargetGroup.parse(bytes(""), TargetGroup.Syntax.YAML)).isEmpty();
        assertThat(TargetGroup.parse(bytes("- targets: []\n"), TargetGroup.Syntax.YAML))
                .containsExactly(new TargetGroup(List.of(), Map.of()));
    }

    @Test
    void aMalformedListIsRefusedWholeSayingWhere() {
        assertRefused("{\"targets\": [\"a:1\"]}", TargetGroup.Syntax.JSON, "must be an array");
        assertRefused("[{\"targets\": [\"a:1\"]}, {\"labels\": {}}]", TargetGroup.Syntax.JSON, "group 2: 'targets'");
        assertRefused("[{\"targets\": [9100]}]", TargetGroup.Syntax.JSON, "group 1: target 9100 is not a string");
        assertRefused(
                "[{\"targets\": [\"a:1\"], \"labels\": {\"bad-name\": \"x\"}}]",
                TargetGroup.Syntax.JSON,
                "'bad-name' is not a label name");
        assertRefused(
                "[{\"targets\": [\"a:1\"], \"labels\": {\"env\": {\"nested\": 1}}}]",
                TargetGroup.Syntax.JSON,
                "label 'env' must be a string");
        assertRefused("[{\"targets\": [\"a:1\"]", TargetGroup.Syntax.JSON, "not JSON");
        assertRefused("- targets: [a:1\n  labels: {", TargetGroup.Syntax.YAML, "not YAML");
        assertRefused("[\"10.0.0.1:9100\"]", TargetGroup.Syntax.JSON, "group 1 must be an object");
    }

    @Test
    void theSyntaxOfAFileIsKnownByItsExtensionAsInPrometheus() {
        assertThat(TargetGroup.Syntax.ofFileName("nodes.json")).isEqualTo(TargetGroup.Syntax.JSON);
        assertThat(TargetGroup.Syntax.ofFileName("nodes.yml")).isEqualTo(TargetGroup.Syntax.YAML);
        assertThat(TargetGroup.Syntax.ofFileName("nodes.yaml")).isEqualTo(TargetGroup.Syntax.YAML);
        assertThat(TargetGroup.Syntax.ofFileName("nodes.txt")).isNull();
    }

    private static void assertRefused(String text, TargetGroup.Syntax syntax, String reason) {
        assertThatThrownBy(() -> TargetGroup.parse(bytes(text), syntax))
                .as(text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = TargetGroupTest.class.getResourceAsStream("/scrape/sd/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
