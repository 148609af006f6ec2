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
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each plugin's page in docs/ carries exactly what {@link ConfigReference} generates from the plugin's ConfigDef, and
 * docs/configuration.md its index and the shared keys' table; run with {@code -Ddocs.update=true} to rewrite them.
 */
class ConfigReferenceTest {

    private static final Path README = Path.of("README.md");

    @BeforeAll
    static void updateWhenAsked() throws IOException {
        if (Boolean.getBoolean("docs.update")) {
            ConfigReference.updateAll();
        }
    }

    static Stream<ConfigReference.Page> pages() {
        return ConfigReference.PAGES.stream();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void pageCarriesItsPluginsGeneratedKeys(ConfigReference.Page page) throws IOException {
        String text = Files.readString(page.file(), StandardCharsets.UTF_8);
        assertThat(ConfigReference.section(text)).as(outOfDate(page.file())).isEqualTo(ConfigReference.render(page));
    }

    @Test
    void indexListsEveryPluginAndItsPage() throws IOException {
        String text = Files.readString(ConfigReference.INDEX, StandardCharsets.UTF_8);
        assertThat(ConfigReference.section(text))
                .as(outOfDate(ConfigReference.INDEX))
                .isEqualTo(ConfigReference.renderIndex());
        assertThat(text).contains("## Configuration vocabulary");
    }

    @Test
    void indexCarriesTheSharedKeysTable() throws IOException {
        String text = Files.readString(ConfigReference.INDEX, StandardCharsets.UTF_8);
        assertThat(ConfigReference.section(text, ConfigReference.SHARED_START, ConfigReference.SHARED_END))
                .as(outOfDate(ConfigReference.INDEX))
                .isEqualTo(ConfigReference.renderSharedKeys());
    }

    @Test
    void readmeLinksTheReferencesAndEveryPluginPage() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(readme)
                .contains("(docs/configuration.md)", "(docs/testing.md)", "(docs/benchmarks.md)")
                .doesNotContain(ConfigReference.START);
        for (ConfigReference.Page page : ConfigReference.PAGES) {
            assertThat(readme).as("README links " + page.file()).contains("(docs/" + page.link() + ")");
        }
    }

    @Test
    void everyBundlePluginInTheServicesFilesHasItsPage() throws IOException, URISyntaxException {
        for (String className : bundlePluginsListedInServicesFiles()) {
            ConfigReference.Page page = ConfigReference.pageOf(className)
                    .orElseThrow(() -> new AssertionError(className + " has no page in ConfigReference.PAGES"));
            assertThat(ConfigReference.render(page))
                    .as(page.file() + " documents " + className)
                    .contains("`" + className + "`");
        }
    }

    @Test
    void pluginNameDropsPackageAndVariant() {
        assertThat(ConfigReference.pluginName("a.b.ClassifyEvent$Value")).isEqualTo("ClassifyEvent");
        assertThat(ConfigReference.pluginName("a.b.AlertSinkConnector")).isEqualTo("AlertSinkConnector");
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
        assertThat(text).contains("### `Thing$Value`", "`com.example.Thing$Value`", "**Delivery**", "**Source**");
        assertThat(text).contains("| `a.key` | string | (required) |  | high | First in group; a\\|b next line. |");
        assertThat(text).contains("| `b.key` | int | 5 | [1,...] | low | Second in group. |");
        assertThat(text).contains("| `c.key` | list | \"\" |  | medium | A list. |");
        assertThat(text.indexOf("`a.key`")).isLessThan(text.indexOf("`b.key`"));
        assertThat(text.indexOf("**Delivery**")).isLessThan(text.indexOf("**Source**"));
    }

    @Test
    void sectionReplacementKeepsEverythingOutsideTheMarkers() {
        String document = "intro\n" + ConfigReference.START + "\nold\n" + ConfigReference.END + "\noutro\n";
        String updated = ConfigReference.withReference(document, "\nnew\n");
        assertThat(updated)
                .isEqualTo("intro\n" + ConfigReference.START + "\nnew\n" + ConfigReference.END + "\noutro\n");
        assertThat(ConfigReference.section(updated)).isEqualTo("\nnew\n");
        assertThatThrownBy(() -> ConfigReference.section("no markers")).hasMessageContaining(ConfigReference.START);
    }

    private static String outOfDate(Path file) {
        return file + " is out of date with the plugins' ConfigDefs. Regenerate it with:\n  "
                + ConfigReference.REGENERATE + "\nand commit " + file;
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
