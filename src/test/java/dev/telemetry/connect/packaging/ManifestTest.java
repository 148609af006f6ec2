package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed top-level manifest.json: valid JSON, the Confluent Hub fields, and the pom's version. */
class ManifestTest {

    @Test
    void versionIsThePomVersion() throws IOException {
        assertThat(ComponentArchive.committedManifest().path("version").asText())
                .as("manifest.json \"version\" must equal pom.xml's <version>; update manifest.json when the pom "
                        + "version changes")
                .isEqualTo(ComponentArchive.pomVersion());
    }

    @Test
    void hasEveryConfluentHubField() throws IOException {
        JsonNode manifest = ComponentArchive.committedManifest();
        List<String> missing = new ArrayList<>();
        for (String field : List.of(
                "name",
                "version",
                "title",
                "description",
                "owner",
                "component_types",
                "tags",
                "features",
                "requirements",
                "license",
                "documentation_url",
                "support")) {
            if (!manifest.hasNonNull(field)) {
                missing.add(field);
            }
        }
        assertThat(missing).as("fields missing from manifest.json").isEmpty();
        assertThat(manifest.path("name").asText()).isEqualTo(ComponentArchive.ARTIFACT_ID);
        assertThat(manifest.path("owner").path("username").asText()).isEqualTo(ComponentArchive.OWNER);
        assertThat(manifest.path("owner").path("name").asText()).isNotBlank();
        assertThat(texts(manifest.path("component_types"))).containsExactlyInAnyOrder("source", "sink", "transform");
        JsonNode features = manifest.path("features");
        for (String feature : List.of(
                "supported_encodings",
                "single_message_transforms",
                "confluent_control_center_integration",
                "kafka_connect_api")) {
            assertThat(features.has(feature)).as("features." + feature).isTrue();
        }
        assertThat(features.path("single_message_transforms").asBoolean()).isTrue();
        assertThat(manifest.path("license")).isNotEmpty();
        assertThat(manifest.path("license").get(0).path("name").asText()).contains("Apache");
        assertThat(manifest.path("license").get(0).path("url").asText()).startsWith("https://");
        assertThat(manifest.path("support").path("summary").asText()).isNotBlank();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
