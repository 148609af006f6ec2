package dev.telemetry.connect.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.docs.ConfigReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * Every plugin of the bundle (as its META-INF/services lists it) that takes a shared key defines it from
 * {@link SharedKeys}: same name, type, documentation, importance and display, and the shared default and validator
 * unless the plugin is one of the few that pass their own, on purpose.
 */
class SharedKeysTest {

    /** Plugin and key of each definition that takes another default (and maybe validator) on purpose. */
    private static final Set<String> OWN_DEFAULTS = Set.of(
            // Required there: a predicate is only useful against a threshold the user chose.
            "SeverityAtLeast min.severity",
            // Off there by default: the predicate reads the value field unless told to read a header.
            "SeverityAtLeast severity.header");

    /**
     * Names that several plugins take for ideas of their own; any other name taken by two plugins must be a
     * {@link SharedKeys} key.
     */
    private static final Set<String> NOT_SHARED = Set.of(
            "format", // the processing time's format, the log lines' format, the scrape's exposition format
            "topic", // each source's own output topic, with its own default
            "max.batch.size"); // per source: records per poll, sized for that source

    private static final Map<String, ConfigDef> PLUGINS = ConfigReference.pluginConfigs();

    @Test
    void everyPluginDefinesASharedKeyFromItsSharedDefinition() {
        List<String> checked = new ArrayList<>();
        for (SharedKey shared : SharedKeys.ALL) {
            ConfigDef.ConfigKey expected =
                    shared.define(new ConfigDef()).configKeys().get(shared.name());
            PLUGINS.forEach((plugin, config) -> {
                ConfigDef.ConfigKey key = config.configKeys().get(shared.name());
                if (key == null) {
                    return;
                }
                String where = plugin + " " + shared.name();
                checked.add(where);
                assertThat(key.type).as(where).isEqualTo(expected.type);
                assertThat(key.documentation).as(where).isEqualTo(expected.documentation);
                assertThat(key.importance).as(where).isEqualTo(expected.importance);
                assertThat(key.displayName).as(where).isEqualTo(expected.displayName);
                assertThat(key.width).as(where).isEqualTo(expected.width);
                assertThat(key.recommender).as(where).isSameAs(expected.recommender);
                if (OWN_DEFAULTS.contains(where)) {
                    assertThat(key.defaultValue)
                            .as(where + " is listed as taking its own default")
                            .isNotEqualTo(expected.defaultValue);
                } else {
                    assertThat(key.defaultValue).as(where).isEqualTo(expected.defaultValue);
                    assertThat(key.validator).as(where).isSameAs(expected.validator);
                }
            });
        }
        assertThat(checked).containsAll(OWN_DEFAULTS);
    }

    @Test
    void everySharedKeyIsTakenByAPlugin() {
        for (SharedKey shared : SharedKeys.ALL) {
            assertThat(PLUGINS.values())
                    .as(shared.name())
                    .anyMatch(config -> config.configKeys().containsKey(shared.name()));
        }
    }

    @Test
    void aKeyThatSeveralPluginsTakeIsShared() {
        Map<String, List<String>> pluginsByKey = new TreeMap<>();
        PLUGINS.forEach((plugin, config) -> config.configKeys()
                .keySet()
                .forEach(name -> pluginsByKey
                        .computeIfAbsent(name, n -> new ArrayList<>())
                        .add(plugin)));
        Set<String> shared = SharedKeys.ALL.stream().map(SharedKey::name).collect(Collectors.toSet());
        Map<String, List<String>> unshared = new TreeMap<>(pluginsByKey);
        unshared.values().removeIf(plugins -> plugins.size() < 2);
        unshared.keySet().removeIf(name -> shared.contains(name) || NOT_SHARED.contains(name));
        assertThat(unshared)
                .as("keys taken by several plugins: define them once in SharedKeys, or say in NOT_SHARED why not")
                .isEmpty();
    }

    @Test
    void keysDocumentedAsNotSharedAreTakenBySeveralPlugins() {
        for (String name : NOT_SHARED) {
            long takers = PLUGINS.values().stream()
                    .filter(config -> config.configKeys().containsKey(name))
                    .count();
            assertThat(takers).as(name).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void topicKeyCoversEveryTopicKindOnce() {
        assertThat(Set.of(TopicKind.values()).stream()
                        .map(SharedKeys::topic)
                        .map(SharedKey::name)
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("topic.metrics", "topic.logs", "topic.events");
        assertThat(SharedKeys.ALL).contains(SharedKeys.topic(TopicKind.LOGS));
        assertThat(SharedKeys.topic(TopicKind.METRICS).defaultValue())
                .isEqualTo(
                        PLUGINS.get("MetricsScrapeSourceConnector").configKeys().get("topic").defaultValue);
    }
}
