package dev.telemetry.connect.source.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * One rule of Prometheus's {@code metric_relabel_configs} with action {@code keep} or {@code drop}: the values of
 * {@code sourceLabels} ({@code __name__} being the metric name), joined by {@code separator}, are matched against
 * {@code regex}, anchored at both ends; {@code keep} keeps only the samples that match, {@code drop} drops them. A
 * label a sample lacks reads as its target's label of that name, else as empty, as in Prometheus, where the target's
 * labels are on the series by then.
 */
record MetricRelabelRule(String name, boolean keep, List<String> sourceLabels, String separator, Pattern regex) {

    static final String RULES_CONFIG = "metrics.relabel";
    static final String ACTION = "action";
    static final String SOURCE_LABELS = "source.labels";
    static final String SEPARATOR = "separator";
    static final String REGEX = "regex";
    static final List<String> RULE_KEYS = List.of(ACTION, SOURCE_LABELS, SEPARATOR, REGEX);

    static final String METRIC_NAME_LABEL = "__name__";
    private static final String DEFAULT_SEPARATOR = ";";
    private static final String DEFAULT_REGEX = "(.*)";
    private static final NamedKeys NAMED_KEYS = new NamedKeys(RULES_CONFIG, "rule");

    /** Whether the sample passes this rule. */
    boolean keeps(Sample sample, Map<String, String> targetLabels) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < sourceLabels.size(); i++) {
            if (i > 0) {
                joined.append(separator);
            }
            joined.append(valueOf(sourceLabels.get(i), sample, targetLabels));
        }
        return keep == regex.matcher(joined).matches();
    }

    /** Whether the sample passes every rule, in order. */
    static boolean keepsAll(List<MetricRelabelRule> rules, Sample sample, Map<String, String> targetLabels) {
        for (MetricRelabelRule rule : rules) {
            if (!rule.keeps(sample, targetLabels)) {
                return false;
            }
        }
        return true;
    }

    private static String valueOf(String label, Sample sample, Map<String, String> targetLabels) {
        if (label.equals(METRIC_NAME_LABEL)) {
            return sample.name();
        }
        String value = sample.labels().get(label);
        if (value == null) {
            value = targetLabels.get(label);
        }
        return value == null ? "" : value;
    }

    static String ruleKey(String rule, String key) {
        return RULES_CONFIG + "." + rule + "." + key;
    }

    static void define(ConfigDef def, String group, int order) {
        def.define(
                RULES_CONFIG,
                Type.LIST,
                List.of(),
                NAMED_KEYS.namesValidator(),
                Importance.MEDIUM,
                "Names of keep/drop rules applied in order to every sample after metrics.include and "
                        + "metrics.exclude, as Prometheus's metric_relabel_configs with action keep or drop. Rule R "
                        + "takes " + ruleKey("R", ACTION) + " (keep: only matching samples stay; drop: matching "
                        + "samples go), " + ruleKey("R", SOURCE_LABELS) + " (label names, __name__ for the metric "
                        + "name), " + ruleKey("R", SEPARATOR) + " (joins their values; default ';') and "
                        + ruleKey("R", REGEX) + " (matched against the whole joined value; default '(.*)').",
                group,
                order,
                Width.LONG,
                "Metric relabel rules");
    }

    /** The rules {@code props} name, in order; assumes {@link #errors} found none. */
    static List<MetricRelabelRule> rules(List<String> names, Map<String, String> props) {
        List<MetricRelabelRule> rules = new ArrayList<>(names.size());
        for (String name : names) {
            rules.add(new MetricRelabelRule(
                    name,
                    props.get(ruleKey(name, ACTION)).trim().equals("keep"),
                    sourceLabels(props.get(ruleKey(name, SOURCE_LABELS))),
                    props.getOrDefault(ruleKey(name, SEPARATOR), DEFAULT_SEPARATOR),
                    Pattern.compile(props.getOrDefault(ruleKey(name, REGEX), DEFAULT_REGEX))));
        }
        return rules;
    }

    /** Errors of the per-rule keys, by key: missing or bad actions, labels and regexes, and keys of unlisted rules. */
    static Map<String, List<String>> errors(List<String> names, Map<String, String> props) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        NAMED_KEYS.checkKeys(names, RULE_KEYS, props, errors);
        for (String name : names) {
            String actionKey = ruleKey(name, ACTION);
            String action = props.get(actionKey);
            if (action == null
                    || !(action.trim().equals("keep") || action.trim().equals("drop"))) {
                add(errors, actionKey, "Rule '" + name + "' needs an action: keep or drop, not " + quoted(action));
            }
            String labelsKey = ruleKey(name, SOURCE_LABELS);
            List<String> labels = sourceLabels(props.get(labelsKey));
            if (labels.isEmpty()) {
                add(errors, labelsKey, "Rule '" + name + "' needs the label names whose values it matches");
            }
            for (String label : labels) {
                if (!MetricsScrapeSourceConfig.LABEL_NAME.matcher(label).matches()) {
                    add(errors, labelsKey, "'" + label + "' is not a label name ([A-Za-z_][A-Za-z0-9_]*)");
                }
            }
            String regexKey = ruleKey(name, REGEX);
            String regex = props.get(regexKey);
            if (regex != null) {
                try {
                    Pattern.compile(regex);
                } catch (PatternSyntaxException e) {
                    add(errors, regexKey, "Invalid regular expression: " + e.getDescription());
                }
            }
        }
        return errors;
    }

    private static List<String> sourceLabels(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split(",")).stream().map(String::trim).toList();
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
