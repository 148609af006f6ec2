package dev.telemetry.connect.source.scrape;

import static dev.telemetry.connect.source.scrape.MetricsScrapeSourceConfig.BEARER_TOKEN_CONFIG;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.common.http.SslContexts;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
            targetsAreNamedOrDiscovered(validation, config);
            relabelRulesAreComplete(validation, config);
        }
        OperatorPolicy.ofWorker(validation, MetricsScrapeSourceConfig.TARGETS_CONFIG)
                .ifPresent(policy -> {
                    targetsAreAllowed(validation, policy);
                    discoveryIsAllowed(validation, policy);
                });
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

    /**
     * A connector with no target to scrape and none to discover would do nothing. With discovered targets only, the
     * shared trust and key stores, which they use, are checked here, as the per-target rules check it for listed targets.
     */
    static void targetsAreNamedOrDiscovered(ConfigValidation validation, MetricsScrapeSourceConfig config) {
        if (!config.targetNames().isEmpty()) {
            return;
        }
        if (!config.discoveryEnabled()) {
            validation.addError(
                    "Name at least one target, or discover them with " + ServiceDiscoveryKeys.FILE_PATH + " or "
                            + ServiceDiscoveryKeys.HTTP_URL,
                    MetricsScrapeSourceConfig.TARGETS_CONFIG);
            return;
        }
        try {
            SslContexts.create(config.connectorTlsStores());
        } catch (SslContexts.StoreException e) {
            validation.addError(
                    e.getMessage(),
                    e.keystore()
                            ? MetricsScrapeSourceConfig.KEYSTORE_PATH_CONFIG
                            : MetricsScrapeSourceConfig.TRUSTSTORE_PATH_CONFIG);
        }
    }

    /** The per-rule keys of {@code metrics.relabel}, which no ConfigDef can list. */
    static void relabelRulesAreComplete(ConfigValidation validation, MetricsScrapeSourceConfig config) {
        MetricRelabelRule.errors(config.relabelRuleNames(), validation.props())
                .forEach((key, messages) -> messages.forEach(message -> validation.addError(message, key)));
    }

    /**
     * The file_sd file must be one Prometheus reads (an absolute path to a *.json, *.yml or *.yaml file) in a directory
     * the worker's operator lets the bundle read, and a regular file if it exists yet (it may be written later); the
     * http_sd host must be in the operator's networks. Each discovered target is checked when it is discovered.
     */
    static void discoveryIsAllowed(ConfigValidation validation, OperatorPolicy policy) {
        Object file = validation.value(ServiceDiscoveryKeys.FILE_PATH);
        if (file instanceof String text && !text.isBlank()) {
            Path path = Path.of(text.trim());
            Optional<String> refusal = policy.readPaths().refusal(path);
            if (refusal.isPresent()) {
                validation.addError("Cannot use the file_sd file: " + refusal.get(), ServiceDiscoveryKeys.FILE_PATH);
            } else if (TargetGroup.Syntax.ofFileName(path.getFileName().toString()) == null) {
                validation.addError(
                        "A file_sd file is named *.json, *.yml or *.yaml, by which its syntax is known",
                        ServiceDiscoveryKeys.FILE_PATH);
            } else if (Files.exists(path) && !Files.isRegularFile(path)) {
                validation.addError(path + " is not a regular file", ServiceDiscoveryKeys.FILE_PATH);
            }
        }
        Object url = validation.value(ServiceDiscoveryKeys.HTTP_URL);
        String host = url instanceof String text && !text.isBlank() ? HttpOrigin.hostOf(text) : null;
        if (host != null) {
            policy.networks()
                    .hostRefusal(host)
                    .ifPresent(reason -> validation.addError(reason, ServiceDiscoveryKeys.HTTP_URL));
        }
    }
}
