package dev.telemetry.connect.transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Validates the ClassifyEvent entries of a connector's own transform chain, for the bundle's connectors'
 * {@code validate()}. Connect checks a transform's keys only against its ConfigDef, and a rule lives under dynamic keys
 * ({@code rules.<name>.condition}) that no ConfigDef can list, so a bad condition, a missing severity or a mistyped rule
 * key would otherwise pass {@code PUT /connector-plugins/<name>/config/validate} and fail the task later. Here every
 * rule is compiled and every problem is reported under its full key ({@code transforms.classify.rules.error_log.condition}).
 * It lives beside ClassifyEvent, which it reads, rather than in the shared config package, which the transforms use.
 */
public final class ClassifyEventChainValidator {

    private static final String TRANSFORMS = "transforms";

    private ClassifyEventChainValidator() {}

    /** {@code config} (the connector's own validation) plus an error per problem of every ClassifyEvent rule key. */
    public static Config withRuleErrors(Map<String, String> connectorConfig, Config config) {
        Map<String, ConfigValue> values = new LinkedHashMap<>();
        config.configValues().forEach(value -> values.put(value.name(), value));
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
                        parsed.getString(ClassifyEvent.DEFAULT_CATEGORY_CONFIG).trim();
            } catch (ConfigException e) {
                // Connect reports the transform's defined keys (rules, default.*) itself, from its ConfigDef.
                continue;
            }
            for (ClassificationRules.Problem problem : ClassificationRules.problems(rules, props, defaultCategory)) {
                String key = prefix + problem.key();
                // Worded as ConfigDef words its own errors, so the key is in the message wherever it is shown.
                values.computeIfAbsent(key, k -> new ConfigValue(k, problem.value(), List.of(), new ArrayList<>()))
                        .addErrorMessage(new ConfigException(key, problem.value(), problem.message()).getMessage());
            }
        }
        return new Config(new ArrayList<>(values.values()));
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
