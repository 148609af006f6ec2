package dev.telemetry.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.Version;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is exactly what {@link ConfigReference} generates from the plugins; run with
 * {@code -Ddocs.update=true} to rewrite it.
 */
class ConfigReferenceTest {

    private static final Path REFERENCE = Path.of("docs", "configuration.md");

    @Test
    void referenceMatchesThePluginsConfigDefs() throws IOException {
        if (Boolean.getBoolean("docs.update")) {
            ConfigReference.update(REFERENCE);
        }
        String reference = Files.readString(REFERENCE, StandardCharsets.UTF_8);
        assertThat(ConfigReference.section(reference))
                .as(REFERENCE + " is out of date with the plugins' ConfigDefs. Regenerate it with:\n  "
                        + ConfigReference.REGENERATE + "\nand commit " + REFERENCE)
                .isEqualTo(ConfigReference.render());
    }

    @Test
    void readmeLinksTheReferenceAndStatesTheVocabulary() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        assertThat(readme)
                .contains(
                        "(docs/configuration.md)",
                        "(docs/testing.md)",
                        "(docs/benchmarks.md)",
                        "## Configuration vocabulary")
                .doesNotContain(ConfigReference.START);
    }

    @Test
    void everyBundlePluginInTheServicesFilesIsDocumented() throws IOException, URISyntaxException {
        String reference = ConfigReference.render();
        for (String className : bundlePluginsListedInServicesFiles()) {
            assertThat(reference).as("reference documents " + className).contains("`" + className + "`");
        }
    }

    @Test
    void rendersGroupsRequiredKeysValidatorsAndEscapesPipes() {
        ConfigDef config = new ConfigDef()
                .define(
                        "b.key",
                        ConfigDef.Type.INT,
                        5,
                        ConfigDef.Range.atLeast(1),
                        ConfigDef.Importance.LOW,
                        "Second in group.",
                        "Delivery",
                        2,
                        ConfigDef.Width.SHORT,
                        "B")
                .define(
                        "a.key",
                        ConfigDef.Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH,
                        "First in group; a|b\nnext line.",
                        "Delivery",
                        1,
                        ConfigDef.Width.SHORT,
                        "A")
                .define(
                        "c.key",
                        ConfigDef.Type.LIST,
                        List.of(),
                        ConfigDef.Importance.MEDIUM,
                        "A list.",
                        "Source",
                        1,
                        ConfigDef.Width.SHORT,
                        "C");
        String text = ConfigReference.renderPlugin(List.of("com.example.Thing$Value"), config);
        assertThat(text).contains("#### `Thing$Value`", "`com.example.Thing$Value`", "**Delivery**", "**Source**");
        assertThat(text).contains("| `a.key` | string | (required) |  | high | First in group; a\\|b next line. |");
        assertThat(text).contains("| `b.key` | int | 5 | [1,...] | low | Second in group. |");
        assertThat(text).contains("| `c.key` | list | \"\" |  | medium | A list. |");
        assertThat(text.indexOf("`a.key`")).isLessThan(text.indexOf("`b.key`"));
        assertThat(text.indexOf("**Delivery**")).isLessThan(text.indexOf("**Source**"));
    }

    @Test
    void sectionReplacementKeepsEverythingOutsideTheMarkers() {
        String readme = "intro\n" + ConfigReference.START + "\nold\n" + ConfigReference.END + "\noutro\n";
        String updated = ConfigReference.withReference(readme, "\nnew\n");
        assertThat(updated)
                .isEqualTo("intro\n" + ConfigReference.START + "\nnew\n" + ConfigReference.END + "\noutro\n");
        assertThat(ConfigReference.section(updated)).isEqualTo("\nnew\n");
        assertThatThrownBy(() -> ConfigReference.section("no markers")).hasMessageContaining(ConfigReference.START);
    }

    private static List<String> bundlePluginsListedInServicesFiles() throws IOException, URISyntaxException {
        List<String> classes = new ArrayList<>();
        for (String service : List.of(
                "org.apache.kafka.connect.source.SourceConnector",
                "org.apache.kafka.connect.sink.SinkConnector",
                "org.apache.kafka.connect.transforms.Transformation",
                "org.apache.kafka.connect.transforms.predicates.Predicate")) {
            // The bundle's own services files, not the test plugins' ones.
            Path file = Path.of(Version.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .resolve("META-INF/services/" + service);
            if (Files.exists(file)) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(String::trim)
                        .filter(line -> line.startsWith("dev.telemetry."))
                        .forEach(classes::add);
            }
        }
        return classes;
    }
}
