package dev.telemetry.connect.source.scrape;

import static dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig.BEARER_TOKEN_CONFIG;
import static dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig.TRUSTSTORE_PASSWORD_CONFIG;

import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;

/**
 * The checks of {@code MetricsScrapeSourceConnector}'s configuration across keys, one method per rule. A per-target
 * secret ({@code targets.<name>.bearer.token}, {@code targets.<name>.tls.truststore.password}) is never shown.
 */
public final class MetricsScrapeSourceValidator extends ConnectorConfigValidator {

    public MetricsScrapeSourceValidator() {
        super(
                MetricsScrapeSourceConfig.CONFIG_DEF,
                key -> key.endsWith(BEARER_TOKEN_CONFIG) || key.endsWith(TRUSTSTORE_PASSWORD_CONFIG));
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        targetsAreComplete(validation);
        sharedTokenIsScoped(validation);
        ClassifyEventChainValidator.check(validation);
    }

    /**
     * The per-target keys, which no ConfigDef can list, against the listed targets and the connector-wide defaults
     * ({@link MetricsScrapeSourceConfig#targetErrors}); they are read only once the connector-wide keys are valid.
     */
    static void targetsAreComplete(ConfigValidation validation) {
        if (!validation.definedKeysValid()) {
            return;
        }
        new MetricsScrapeSourceConfig(validation.props())
                .targetErrors(validation.props())
                .forEach((key, messages) -> messages.forEach(message -> validation.addError(message, key)));
    }

    /**
     * The shared {@code bearer.token} goes only to the targets {@code bearer.token.targets} names, so a token with no
     * targets, targets with no token, or a name that is not a target is a mistake reported on both keys.
     */
    static void sharedTokenIsScoped(ConfigValidation validation) {
        if (!validation.definedKeysValid()) {
            return;
        }
        new MetricsScrapeSourceConfig(validation.props())
                .bearerTokenScopeErrors()
                .forEach((key, messages) ->
                        messages.forEach(message -> validation.addError(message, key, BEARER_TOKEN_CONFIG)));
    }
}
