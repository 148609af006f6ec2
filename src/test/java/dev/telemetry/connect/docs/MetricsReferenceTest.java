package dev.telemetry.connect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.common.metrics.MetricDefinition;
import dev.telemetry.connect.sink.AlertSinkMetrics;
import dev.telemetry.connect.source.generator.GeneratorMetrics;
import dev.telemetry.connect.source.health.KafkaHealthMetrics;
import dev.telemetry.connect.source.logfile.LogFileMetrics;
import dev.telemetry.connect.source.scrape.ScrapeMetrics;
import dev.telemetry.connect.transforms.ClassifyEventMetrics;
import dev.telemetry.connect.transforms.InsertProcessedTimestampMetrics;
import dev.telemetry.connect.transforms.predicates.SeverityAtLeastMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md's table is generated from the plugins' {@link MetricDefinition}s; run with {@code -Ddocs.update=true}
 * to rewrite it.
 */
class MetricsReferenceTest {

    static final Path PAGE = Path.of("docs/metrics.md");
    static final String START = "<!-- metrics-reference:start -->";
    static final String END = "<!-- metrics-reference:end -->";

    /** A plugin, where the worker registers its metrics, and what it measures. */
    record Plugin(String name, String scope, List<MetricDefinition> metrics) {}

    static final String TASK = "`connector`, `task`";
    static final List<Plugin> PLUGINS = List.of(
            new Plugin("TelemetrySourceConnector (task)", TASK, GeneratorMetrics.ALL),
            new Plugin("LogFileSourceConnector (task)", TASK, LogFileMetrics.ALL),
            new Plugin("MetricsScrapeSourceConnector (task)", TASK, ScrapeMetrics.ALL),
            new Plugin("KafkaHealthSourceConnector (task)", TASK, KafkaHealthMetrics.ALL),
            new Plugin("ClassifyEvent", TASK + ", `transformation`", ClassifyEventMetrics.ALL),
            new Plugin("InsertProcessedTimestamp", TASK + ", `transformation`", InsertProcessedTimestampMetrics.ALL),
            new Plugin("SeverityAtLeast", TASK + ", `predicate`", SeverityAtLeastMetrics.ALL),
            new Plugin("AlertSinkConnector (task)", TASK, AlertSinkMetrics.ALL));

    static String render() {
        StringBuilder out = new StringBuilder(START).append('\n');
        out.append("| plugin | attribute | unit | tags (worker's, then own) | description |\n");
        out.append("|---|---|---|---|---|\n");
        for (Plugin plugin : PLUGINS) {
            for (MetricDefinition metric : plugin.metrics()) {
                String tags = plugin.scope()
                        + metric.tagNames().stream()
                                .map(tag -> ", `" + tag + "`")
                                .collect(Collectors.joining());
                String attributes =
                        metric.attributes().stream().map(a -> "`" + a + "`").collect(Collectors.joining("<br>"));
                out.append("| ")
                        .append(plugin.name())
                        .append(" | ")
                        .append(attributes)
                        .append(" | ")
                        .append(metric.unit())
                        .append(" | ")
                        .append(tags)
                        .append(" | ")
                        .append(metric.description().replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return out.append(END).toString();
    }

    static String section(String text) {
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        return start < 0 || end < start ? "" : text.substring(start, end + END.length());
    }

    @Test
    void pageCarriesTheGeneratedTable() throws IOException {
        String text = Files.readString(PAGE, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("docs.update")) {
            text = text.replace(section(text), render());
            Files.writeString(PAGE, text, StandardCharsets.UTF_8);
        }
        assertThat(section(text))
                .as("docs/metrics.md is out of date: run ./mvnw -B -o test -Dtest=MetricsReferenceTest "
                        + "-Ddocs.update=true -Dsurefire.failIfNoSpecifiedTests=false")
                .isEqualTo(render());
    }

    @Test
    void everyAttributeFollowsKafkasNamingAndIsUniqueWithinItsPlugin() {
        for (Plugin plugin : PLUGINS) {
            List<String> attributes = plugin.metrics().stream()
                    .flatMap(metric -> metric.attributes().stream())
                    .toList();
            assertThat(attributes).as(plugin.name()).doesNotHaveDuplicates().allMatch(a -> a.matches("[a-z0-9-]+"));
        }
    }

    @Test
    void readmeLinksThePage() throws IOException {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .contains("(docs/metrics.md)");
    }
}
