package dev.telemetry.connect.common.config;

import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The validation of one connector's configuration, used by both its {@code validate()} (the answer of
 * {@code PUT /connector-plugins/{name}/config/validate}) and its {@code start()}, since a configuration can reach a
 * worker without ever being validated. It runs the ConfigDef's per-key checks, then the connector's checks across
 * keys: a subclass per connector, beside its config, implements {@link #checkAcrossKeys} with one method per rule,
 * each adding its errors with {@link ConfigValidation#addError} under every key involved.
 */
public abstract class ConnectorConfigValidator {

    private final ConfigDef configDef;
    private final Predicate<String> secret;

    /** {@code secret} tells which keys outside the ConfigDef hold secrets, whose values are never shown. */
    protected ConnectorConfigValidator(ConfigDef configDef, Predicate<String> secret) {
        this.configDef = configDef;
        this.secret = secret;
    }

    protected ConnectorConfigValidator(ConfigDef configDef) {
        this(configDef, key -> false);
    }

    /** Every error, each under every key it involves; for {@code Connector.validate()}. */
    public final Config validate(Map<String, String> props) {
        return run(props).toConfig();
    }

    /** Throws a ConfigException naming the key of the first error, if any; for {@code Connector.start()}. */
    public final void ensureValid(Map<String, String> props) throws ConfigException {
        run(props).throwFirstError();
    }

    private ConfigValidation run(Map<String, String> props) {
        ConfigValidation validation = new ConfigValidation(configDef, props, secret);
        checkAcrossKeys(validation);
        return validation;
    }

    /** Adds the errors of the connector's rules across keys; {@code validation} already has the per-key answer. */
    protected abstract void checkAcrossKeys(ConfigValidation validation);
}
