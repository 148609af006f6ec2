package dev.telemetry.connect.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * One validation of a connector's configuration: the per-key answer of its ConfigDef, to which the connector's checks
 * across keys add their errors. An error is attached to every key it involves, so the validate endpoint shows it
 * beside each of them; keys no ConfigDef can list (per-target or per-rule keys) get an entry of their own. Errors are
 * worded as ConfigDef words its own ("Invalid value V for configuration K: ..."), so each names its key wherever it is
 * shown, in the validate answer or in the failure of a connector that was started without validation.
 */
public final class ConfigValidation {

    private static final String HIDDEN = "[hidden]";

    private final Map<String, String> props;
    private final Predicate<String> secret;
    private final Map<String, ConfigValue> values = new LinkedHashMap<>();
    private final boolean definedKeysValid;

    ConfigValidation(ConfigDef configDef, Map<String, String> props, Predicate<String> secret) {
        this.props = props;
        this.secret = secret;
        Map<String, ConfigValue> byName = new HashMap<>();
        configDef.validate(props).forEach(value -> byName.put(value.name(), value));
        boolean valid = true;
        // In the order the keys are defined, so that start() reports the first error as the validate answer lists it.
        for (String key : configDef.configKeys().keySet()) {
            ConfigValue value = byName.get(key);
            values.put(key, value);
            valid &= value.errorMessages().isEmpty();
        }
        this.definedKeysValid = valid;
    }

    /** The connector's configuration as given. */
    public Map<String, String> props() {
        return props;
    }

    /** Whether every key of the ConfigDef parsed and passed its validator. */
    public boolean definedKeysValid() {
        return definedKeysValid;
    }

    /** Whether each of {@code keys} passed its own checks, so that a rule across them can read their values. */
    public boolean valid(String... keys) {
        for (String key : keys) {
            ConfigValue value = values.get(key);
            if (value != null && !value.errorMessages().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The parsed value of a ConfigDef key; null when it has no value or did not pass its own checks. */
    public Object value(String key) {
        ConfigValue value = values.get(key);
        return value == null || !value.errorMessages().isEmpty() ? null : value.value();
    }

    /** Attaches {@code message} to every key in {@code keys}; a key the ConfigDef does not define gets an entry. */
    public void addError(String message, String... keys) {
        for (String key : keys) {
            ConfigValue value = values.computeIfAbsent(
                    key, k -> new ConfigValue(k, secret.test(k) ? HIDDEN : props.get(k), List.of(), new ArrayList<>()));
            Object shown = secret.test(key) ? HIDDEN : value.value();
            value.addErrorMessage(new ConfigException(key, shown, message).getMessage());
        }
    }

    Config toConfig() {
        return new Config(new ArrayList<>(values.values()));
    }

    /** Throws a ConfigException with the first error, which names its key. */
    void throwFirstError() {
        for (ConfigValue value : values.values()) {
            if (!value.errorMessages().isEmpty()) {
                throw new ConfigException(value.errorMessages().get(0));
            }
        }
    }
}
