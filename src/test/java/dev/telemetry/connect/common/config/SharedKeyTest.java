package dev.telemetry.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SharedKeyTest {

    private static final ValuesRecommender COLOURS = new ValuesRecommender(List.of("red", "blue"));

    private static final SharedKey COLOUR = new SharedKey(
            "colour",
            Type.STRING,
            "red",
            ConfigDef.ValidString.in("red", "blue"),
            Importance.MEDIUM,
            "The colour.",
            Width.SHORT,
            "Colour",
            COLOURS);

    @Test
    void definesEveryAttributeInAGroup() {
        ConfigDef.ConfigKey key =
                COLOUR.define(new ConfigDef(), "Looks", 3).configKeys().get("colour");
        assertThat(key.type).isEqualTo(Type.STRING);
        assertThat(key.defaultValue).isEqualTo("red");
        assertThat(key.importance).isEqualTo(Importance.MEDIUM);
        assertThat(key.documentation).isEqualTo("The colour.");
        assertThat(key.group).isEqualTo("Looks");
        assertThat(key.orderInGroup).isEqualTo(3);
        assertThat(key.width).isEqualTo(Width.SHORT);
        assertThat(key.displayName).isEqualTo("Colour");
        assertThat(key.recommender).isSameAs(COLOURS);
    }

    @Test
    void definesWithoutAGroupAndValidates() {
        ConfigDef def = COLOUR.define(new ConfigDef());
        assertThat(def.configKeys().get("colour").group).isNull();
        assertThat(def.parse(Map.of()).get("colour")).isEqualTo("red");
        assertThatThrownBy(() -> def.parse(Map.of("colour", "green")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void anotherDefaultKeepsNameTypeAndDocumentation() {
        SharedKey required = COLOUR.withDefault(ConfigDef.NO_DEFAULT_VALUE);
        ConfigDef.ConfigKey key = required.define(new ConfigDef()).configKeys().get("colour");
        assertThat(key.hasDefault()).isFalse();
        assertThat(key.validator).isSameAs(COLOUR.validator());
        assertThat(required)
                .usingRecursiveComparison()
                .ignoringFields("defaultValue")
                .isEqualTo(COLOUR);

        SharedKey offByDefault = COLOUR.withDefault("", null);
        assertThat(offByDefault.define(new ConfigDef()).parse(Map.of()).get("colour"))
                .isEqualTo("");
        assertThat(offByDefault)
                .usingRecursiveComparison()
                .ignoringFields("defaultValue", "validator")
                .isEqualTo(COLOUR);
    }
}
