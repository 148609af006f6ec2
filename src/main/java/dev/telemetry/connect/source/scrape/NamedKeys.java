package dev.telemetry.connect.source.scrape;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Keys a ConfigDef cannot declare: a list key names things ({@code targets}, {@code metrics.relabel}) and each named
 * thing has keys of its own under {@code <list key>.<name>.}. The names' validator, and the check that every such key
 * belongs to a listed name and is one of the known keys.
 */
final class NamedKeys {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** The list key, and what a name in it is called in messages ("target", "rule"). */
    private final String listKey;

    private final String noun;

    NamedKeys(String listKey, String noun) {
        this.listKey = listKey;
        this.noun = noun;
    }

    /** Adds to {@code errors} every key under the list key of a name not in {@code names}, or not in {@code keys}. */
    void checkKeys(
            Collection<String> names, List<String> keys, Map<String, String> props, Map<String, List<String>> errors) {
        Set<String> listed = new HashSet<>(names);
        for (String key : props.keySet()) {
            if (!key.startsWith(listKey + ".")) {
                continue;
            }
            String rest = key.substring(listKey.length() + 1);
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String suffix = dot < 0 ? "" : rest.substring(dot + 1);
            if (!listed.contains(name)) {
                add(errors, key, capitalized() + " '" + name + "' is not listed in '" + listKey + "'");
            } else if (!keys.contains(suffix)) {
                add(errors, key, "Unknown " + noun + " key '" + suffix + "'; a " + noun + "'s keys are " + keys);
            }
        }
    }

    /** Accepts a list of distinct names of letters, digits, '_' and '-'. */
    ConfigDef.Validator namesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                Set<String> seen = new HashSet<>();
                for (Object listed : (List<?>) value) {
                    String trimmed = listed.toString().trim();
                    if (!NAME.matcher(trimmed).matches()) {
                        throw new ConfigException(
                                name,
                                value,
                                capitalized() + " name '" + listed + "' must be letters, digits, '_' or '-' (it is "
                                        + "part of the keys " + listKey + ".<name>.*)");
                    }
                    if (!seen.add(trimmed)) {
                        throw new ConfigException(name, value, capitalized() + " '" + trimmed + "' is listed twice");
                    }
                }
            }

            @Override
            public String toString() {
                return "list of distinct names of [A-Za-z0-9_-]";
            }
        };
    }

    private static void add(Map<String, List<String>> errors, String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private String capitalized() {
        return Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }
}
