package dev.telemetry.connect.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.testkit.ValidationErrors;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConnectorConfigValidatorTest {

    private static final ConfigDef DEF = new ConfigDef()
            .define("low", Type.INT, 1, ConfigDef.Range.atLeast(0), Importance.HIGH, "Lower bound.")
            .define("high", Type.INT, 10, ConfigDef.Range.atLeast(0), Importance.HIGH, "Upper bound.");

    /** One rule across two keys, and one on keys the ConfigDef cannot list, {@code extra.<name>}. */
    private static final class BoundsValidator extends ConnectorConfigValidator {
        BoundsValidator() {
            super(DEF, key -> key.endsWith(".secret"));
        }

        @Override
        protected void checkAcrossKeys(ConfigValidation validation) {
            if (validation.valid("low", "high")
                    && (Integer) validation.value("low") > (Integer) validation.value("high")) {
                validation.addError("low must not exceed high", "low", "high");
            }
            validation.props().keySet().stream()
                    .filter(key -> key.startsWith("extra."))
                    .forEach(key -> validation.addError("Unknown key", key));
        }
    }

    private final BoundsValidator validator = new BoundsValidator();

    @Test
    void aValidConfigurationHasNoErrorsAndStarts() {
        assertThat(ValidationErrors.of(validator.validate(Map.of("low", "2")))).isEmpty();
        assertThatNoException().isThrownBy(() -> validator.ensureValid(Map.of("low", "2")));
    }

    @Test
    void anErrorAcrossKeysIsAttachedToEveryKeyInvolvedAndNamesEach() {
        Map<String, List<String>> errors = ValidationErrors.of(validator.validate(Map.of("low", "5", "high", "3")));

        assertThat(errors).containsOnlyKeys("low", "high");
        assertThat(errors.get("low"))
                .singleElement()
                .asString()
                .isEqualTo("Invalid value 5 for configuration low: low must not exceed high");
        assertThat(errors.get("high")).singleElement().asString().contains("configuration high");
    }

    @Test
    void aRuleSkipsKeysThatFailedTheirOwnChecks() {
        Map<String, List<String>> errors = ValidationErrors.of(validator.validate(Map.of("low", "-1", "high", "3")));

        assertThat(errors).containsOnlyKeys("low");
        assertThat(errors.get("low")).singleElement().asString().contains("at least 0");
    }

    @Test
    void keysOutsideTheConfigDefGetAnEntryAndSecretsAreNeverShown() {
        List<ConfigValue> values = validator
                .validate(Map.of("extra.name", "plain", "extra.secret", "s3cr3t"))
                .configValues();

        ConfigValue plain = value(values, "extra.name");
        ConfigValue secret = value(values, "extra.secret");
        assertThat(plain.value()).isEqualTo("plain");
        assertThat(String.valueOf(secret.value())).doesNotContain("s3cr3t");
        assertThat(secret.errorMessages()).singleElement().asString().doesNotContain("s3cr3t");
    }

    @Test
    void startRefusesWhatValidateRefusesNamingTheKey() {
        assertThatThrownBy(() -> validator.ensureValid(Map.of("low", "5", "high", "3")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 5 for configuration low: low must not exceed high");
        assertThatThrownBy(() -> validator.ensureValid(Map.of("high", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration high");
    }

    private static ConfigValue value(List<ConfigValue> values, String name) {
        return values.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
