package dev.telemetry.connect.source.scrape;

import static dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig.BEARER_TOKEN_CONFIG;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.util.List;

/**
 * The checks of {@code MetricsScrapeSourceConnector}'s configuration across keys, one method per rule. A per-target
 * secret ({@code targets.<name>.bearer.token}, {@code .basic.auth.password}, {@code .tls.truststore.password},
 * {@code .tls.keystore.password}) is never shown.
 */
public final class MetricsScrapeSourceValidator extends ConnectorConfigValidator {

    public MetricsScrapeSourceValidator() {
        super(
                MetricsScrapeSourceConfig.CONFIG_DEF,
                key -> MetricsScrapeSourceConfig.TARGET_SECRETS.stream().anyMatch(key::endsWith));
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        // The per-target and token rules read the parsed config, which can be built once the declared keys are valid.
        if (validation.definedKeysValid()) {
            MetricsScrapeSourceConfig config = new MetricsScrapeSourceConfig(validation.props());
            targetsAreComplete(validation, config);
            sharedTokenIsScoped(validation, config);
        }
        OperatorPolicy.ofWorker(validation, MetricsScrapeSourceConfig.TARGETS_CONFIG)
                .ifPresent(policy -> targetsAreAllowed(validation, policy));
        ClassifyEventChainValidator.check(validation);
    }

    /**
     * The per-target keys, which no ConfigDef can list, against the listed targets and the connector-wide defaults
     * ({@link MetricsScrapeSourceConfig#targetErrors}).
     */
    static void targetsAreComplete(ConfigValidation validation, MetricsScrapeSourceConfig config) {
        config.targetErrors(validation.props())
                .forEach((key, messages) -> messages.forEach(message -> validation.addError(message, key)));
    }

    /** Every target's host must resolve only to addresses the worker's operator lets the bundle reach. */
    static void targetsAreAllowed(ConfigValidation validation, OperatorPolicy policy) {
        Object names = validation.value(MetricsScrapeSourceConfig.TARGETS_CONFIG);
        if (!(names instanceof List<?> targets)) {
            return;
        }
        for (Object name : targets) {
            String key = MetricsScrapeSourceConfig.targetKey(name.toString(), MetricsScrapeSourceConfig.TARGET_URL);
            String url = validation.props().get(key);
            String host = url == null ? null : HttpOrigin.hostOf(url);
            if (host != null) {
                policy.networks().hostRefusal(host).ifPresent(reason -> validation.addError(reason, key));
            }
        }
    }

    /**
     * The shared {@code bearer.token} goes only to the targets {@code bearer.token.targets} names, so a token with no
     * targets, targets with no token, or a name that is not a target is a mistake reported on both keys.
     */
    static void sharedTokenIsScoped(ConfigValidation validation, MetricsScrapeSourceConfig config) {
        config.bearerTokenScopeErrors()
                .forEach((key, messages) ->
                        messages.forEach(message -> validation.addError(message, key, BEARER_TOKEN_CONFIG)));
    }
}
