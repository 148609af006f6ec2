package dev.telemetry.connect.transforms;

import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.transforms.condition.Condition;
import dev.telemetry.connect.transforms.condition.ConditionCompiler;
import dev.telemetry.connect.transforms.condition.InvalidConditionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Reads the ordered rule list from a ClassifyEvent configuration: {@code rules=a,b} and, per rule,
 * {@code rules.<name>.condition} (required), {@code rules.<name>.severity} (required) and
 * {@code rules.<name>.category} (optional, else {@code default.category}). Every problem is a ConfigException naming
 * the exact key; a key under {@code rules.} that belongs to no listed rule, or names no rule property, is refused too,
 * because it is almost always a typo that would otherwise silently disable a rule.
 */
final class ClassificationRules {

    static final String PREFIX = "rules.";
    static final String CONDITION = "condition";
    static final String SEVERITY = "severity";
    static final String CATEGORY = "category";
    private static final Set<String> PROPERTIES = Set.of(CONDITION, SEVERITY, CATEGORY);

    /** Rule names become part of config keys, so they may not contain dots or spaces. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private ClassificationRules() {}

    static String key(String rule, String property) {
        return PREFIX + rule + "." + property;
    }

    /** Validates the {@code rules} list itself: not empty, valid names, no duplicates. */
    static final class NamesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
                throw new ConfigException(name, value, "List at least one rule name, e.g. rules=error,slow_api");
            }
            Set<String> seen = new HashSet<>();
            for (Object item : (List<?>) value) {
                String rule = String.valueOf(item);
                if (!NAME.matcher(rule).matches()) {
                    throw new ConfigException(
                            name, value, "Rule name '" + rule + "' is invalid: use letters, digits, '_' and '-' only");
                }
                if (!seen.add(rule)) {
                    throw new ConfigException(name, value, "Rule name '" + rule + "' is listed twice");
                }
            }
        }

        @Override
        public String toString() {
            return "non-empty list of unique names of letters, digits, '_' and '-'";
        }
    }

    /** The rules, or a ConfigException naming the key of the first problem {@link #problems} would list. */
    static List<ClassificationRule> parse(List<String> names, Map<String, ?> props, String defaultCategory) {
        List<Problem> problems = new ArrayList<>();
        List<ClassificationRule> rules = collect(names, props, defaultCategory, problems);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new ConfigException(first.key(), first.value(), first.message());
        }
        return rules;
    }

    /**
     * Every problem of the rule keys at once, each under its key relative to the transform ({@code
     * rules.error_log.condition}): unknown keys under {@code rules.}, and per listed rule a missing or blank condition,
     * a missing or unknown severity, a blank category, and a condition that does not compile. What a connector's
     * {@code validate()} reports for the ClassifyEvent entries of its own chain.
     */
    static List<Problem> problems(List<String> names, Map<String, ?> props, String defaultCategory) {
        List<Problem> problems = new ArrayList<>();
        collect(names, props, defaultCategory, problems);
        return problems;
    }

    /** A problem with one key; {@code key} is relative to the transform's own prefix. */
    record Problem(String key, Object value, String message) {}

    private static List<ClassificationRule> collect(
            List<String> names, Map<String, ?> props, String defaultCategory, List<Problem> problems) {
        rejectUnknownKeys(names, props, problems);
        List<ClassificationRule> rules = new ArrayList<>(names.size());
        for (String name : names) {
            ClassificationRule rule = parseRule(name, props, defaultCategory, problems);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    /** The rule, or null after adding its problems. */
    private static ClassificationRule parseRule(
            String name, Map<String, ?> props, String defaultCategory, List<Problem> problems) {
        int before = problems.size();
        String conditionKey = key(name, CONDITION);
        String conditionText = text(props, conditionKey);
        boolean hasCondition = conditionText != null && !conditionText.isBlank();
        if (!hasCondition) {
            problems.add(new Problem(
                    conditionKey,
                    conditionText,
                    "Rule '" + name + "' needs a condition, e.g. " + conditionKey + "=level == 'ERROR'"));
        }
        String severityKey = key(name, SEVERITY);
        String severityText = text(props, severityKey);
        Severity severity = Severity.parseOrNull(severityText);
        if (severity == null) {
            problems.add(new Problem(
                    severityKey, severityText, "Rule '" + name + "' needs a severity, one of " + Severity.NAMES));
        }
        String categoryKey = key(name, CATEGORY);
        String category = text(props, categoryKey);
        if (category == null) {
            category = defaultCategory;
        } else if (category.isBlank()) {
            problems.add(new Problem(
                    categoryKey, category, "A category must not be blank; omit the key to use " + "default.category"));
        }
        if (!hasCondition) {
            return null;
        }
        try {
            Condition condition = ConditionCompiler.compile(conditionText);
            return problems.size() == before
                    ? new ClassificationRule(name, condition, new Classification(severity, category.trim()))
                    : null;
        } catch (InvalidConditionException e) {
            problems.add(new Problem(
                    conditionKey,
                    conditionText,
                    "Invalid condition for rule '" + name + "' at line " + e.line() + ", column " + e.column() + ": "
                            + e.reason()));
            return null;
        }
    }

    private static void rejectUnknownKeys(List<String> names, Map<String, ?> props, List<Problem> problems) {
        for (String key : props.keySet()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String rule = dot < 0 ? rest : rest.substring(0, dot);
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            if (!names.contains(rule)) {
                problems.add(new Problem(
                        key,
                        props.get(key),
                        "No rule named '" + rule + "' is listed in rules=" + String.join(",", names)));
            } else if (!PROPERTIES.contains(property)) {
                problems.add(new Problem(
                        key,
                        props.get(key),
                        "Unknown rule property '" + property + "'; a rule has " + CONDITION + ", " + SEVERITY + " and "
                                + CATEGORY));
            }
        }
    }

    private static String text(Map<String, ?> props, String key) {
        Object value = props.get(key);
        return value == null ? null : value.toString();
    }
}
