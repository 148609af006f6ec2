package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.source.LogFileSourceConnector;
import dev.telemetry.connect.testkit.OperatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the REST validate endpoint answers: each wrong setting refused with a message naming its key. */
class LogFileSourceConfigTest {

    @TempDir
    Path dir;

    private Map<String, String> config(String... pairs) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", LogFileSourceConnector.class.getName());
        config.put("name", "logs");
        config.put("files", dir + "/*.log");
        for (int i = 0; i < pairs.length; i += 2) {
            config.put(pairs[i], pairs[i + 1]);
        }
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : new LogFileSourceConnector().validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    @Test
    void aMinimalConfigIsValidAndDirectoriesThatDoNotExistYetAreAccepted() {
        assertThat(errors(config())).isEmpty();
        assertThat(errors(config("files", dir + "/later/**/*.log," + dir + "/app.log")))
                .isEmpty();
        assertThat(errors(config("format", "regex", "regex.preset", "kafka", "multiline.pattern", "^\\s")))
                .isEmpty();
    }

    @Test
    void cleanRemovedIsOffByDefaultAndTakesOnlyABoolean() {
        assertThat(new LogFileSourceConfig(config()).cleanRemoved()).isFalse();
        assertThat(new LogFileSourceConfig(config("clean.removed", "true")).cleanRemoved())
                .isTrue();
        assertThat(errors(config("clean.removed", "sometimes")).get("clean.removed"))
                .singleElement()
                .asString()
                .contains("clean.removed");
        assertThat(errors(config("close.inactive.ms", "-1")).get("close.inactive.ms"))
                .singleElement()
                .asString()
                .contains("close.inactive.ms");
    }

    @Test
    void badGlobsAreRefusedNamingTheKey() throws IOException {
        assertThat(errors(config("files", "logs/*.log")).get("files"))
                .singleElement()
                .asString()
                .contains("not absolute");
        assertThat(errors(config("files", dir + "/[a-*.log")).get("files"))
                .singleElement()
                .asString()
                .contains("malformed")
                .contains("position");
        Path regularFile = Files.createFile(dir.resolve("plain-file"));
        assertThat(errors(config("files", regularFile + "/*.log")).get("files"))
                .singleElement()
                .asString()
                .contains("not a directory");
        assertThat(errors(config("files", "")).get("files")).isNotEmpty();
    }

    /** What a REST user could copy into a topic, refused on the key unless the operator allows it. */
    @Test
    void globsOutsideWhatTheOperatorAllowsAreRefused() throws IOException {
        assertThat(errors(config("files", "/etc/kafka/*.properties")).get("files"))
                .singleElement()
                .asString()
                .contains("/etc/kafka/*.properties", "/etc", "telemetry.allowed.read.paths");
        assertThat(errors(config("files", "/proc/1/environ"))).containsOnlyKeys("files");
        assertThat(errors(config("files", "/home/*/.bash_history"))).containsOnlyKeys("files");

        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (OperatorSettings allowed = OperatorSettings.set("telemetry.allowed.read.paths", logs.toString())) {
            assertThat(errors(config("files", logs + "/**/*.log"))).isEmpty();
            assertThat(errors(config("files", dir + "/other/*.log")).get("files"))
                    .singleElement()
                    .asString()
                    .contains("outside", logs.toString());
            assertThat(errors(config("files", "/**"))).containsOnlyKeys("files");
        }
    }

    @Test
    void badRegexIsRefusedWithItsPosition() {
        assertThat(errors(config("format", "regex", "regex.pattern", "^(?<level>\\w+ (unclosed"))
                        .get("regex.pattern"))
                .singleElement()
                .asString()
                .contains("Unclosed group at position 23");
        assertThat(errors(config("multiline.pattern", "a{2,1}")).get("multiline.pattern"))
                .singleElement()
                .asString()
                .contains("position");
    }

    @Test
    void unknownPresetsFormatsAndMissingPatternsAreRefused() {
        assertThat(errors(config("format", "regex", "regex.preset", "log5j"))).containsKey("regex.preset");
        assertThat(errors(config("format", "xml"))).containsKey("format");
        assertThat(errors(config("format", "regex")).get("regex.pattern"))
                .singleElement()
                .asString()
                .contains("regex.preset");
        assertThat(errors(config("format", "regex", "regex.preset", "nginx", "regex.pattern", "^.*$")))
                .containsKey("regex.pattern");
    }

    @Test
    void otherKeysAreCheckedToo() {
        Map<String, List<String>> errors = errors(config(
                "timestamp.format",
                "yyyy-MM-dd HH:mm:ss,SSS {",
                "timestamp.zone",
                "Mars/Olympus",
                "start.position",
                "middle",
                "multiline.match",
                "around",
                "default.level",
                "LOUD",
                "topic.logs",
                "bad topic",
                "max.event.bytes",
                "10"));
        assertThat(errors)
                .containsOnlyKeys(
                        "timestamp.format",
                        "timestamp.zone",
                        "start.position",
                        "multiline.match",
                        "default.level",
                        "topic.logs",
                        "max.event.bytes");
    }

    @Test
    void presetsAreRecommendedOnlyForFormatRegex() {
        for (ConfigValue value :
                new LogFileSourceConnector().validate(config("format", "json")).configValues()) {
            if (value.name().equals("regex.preset")) {
                assertThat(value.visible()).isFalse();
            }
        }
        for (ConfigValue value : new LogFileSourceConnector()
                .validate(config("format", "regex", "regex.preset", "logback"))
                .configValues()) {
            if (value.name().equals("regex.preset")) {
                assertThat(value.visible()).isTrue();
                assertThat(value.recommendedValues()).containsAll(List.copyOf(RegexPreset.NAMES));
            }
        }
    }
}
