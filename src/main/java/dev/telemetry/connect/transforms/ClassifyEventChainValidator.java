package dev.telemetry.connect.transforms;

import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.schema.SharedKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validates the ClassifyEvent entries of a connector's own transform chain, for the bundle's connectors'
 * {@code validate()}. Connect checks a transform's keys only against its ConfigDef, and a rule lives under dynamic keys
 * ({@code rules.<name>.condition}) that no ConfigDef can list, so a bad condition, a missing severity or a mistyped rule
 * key would otherwise pass {@code PUT /connector-plugins/<name>/config/validate} and fail the task later. Here every
 * rule is compiled and every problem is reported under its full key ({@code transforms.classify.rules.error_log.condition}).
 * It is one of the rules of every connector's validator ({@code ConnectorConfigValidator}), so it runs in both
 * {@code validate()} and {@code start()}. It lives beside ClassifyEvent, which it reads, rather than in the shared
 * config package, which the transforms use.
 */
public final class ClassifyEventChainValidator {

    private static final String TRANSFORMS = "transforms";

    private ClassifyEventChainValidator() {}

    /** Adds an error per problem of every ClassifyEvent rule key of the connector's own transform chain. */
    public static void check(ConfigValidation validation) {
        Map<String, String> connectorConfig = validation.props();
        for (String alias : aliases(connectorConfig.get(TRANSFORMS))) {
            String prefix = TRANSFORMS + "." + alias + ".";
            String type = connectorConfig.get(prefix + "type");
            if (type == null || !type.trim().startsWith(ClassifyEvent.class.getName() + "$")) {
                continue;
            }
            Map<String, String> props = new HashMap<>();
            connectorConfig.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    props.put(key.substring(prefix.length()), value);
                }
            });
            List<String> rules;
            String defaultCategory;
            try {
                AbstractConfig parsed = new AbstractConfig(ClassifyEvent.CONFIG_DEF, props, false);
                rules = parsed.getList(ClassifyEvent.RULES_CONFIG);
                defaultCategory =
                        parsed.getString(SharedKeys.DEFAULT_CATEGORY.name()).trim();
            } catch (ConfigException e) {
                // Connect reports the transform's defined keys (rules, default.*) itself, from its ConfigDef.
                continue;
            }
            for (ClassificationRules.Problem problem : ClassificationRules.problems(rules, props, defaultCategory)) {
                validation.addError(problem.message(), prefix + problem.key());
            }
        }
    }

    private static List<String> aliases(String transforms) {
        List<String> aliases = new ArrayList<>();
        if (transforms != null) {
            for (String alias : transforms.split(",")) {
                if (!alias.isBlank()) {
                    aliases.add(alias.trim());
                }
            }
        }
        return aliases;
    }
}
