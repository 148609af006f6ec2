package dev.telemetry.connect.common.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old key names still accepted for one release after a rename. A plugin translates its properties before parsing
 * them: each old key becomes its new key (the new key wins when both are set) and a warning naming the new key is
 * logged. {@link #define} adds the old keys to a ConfigDef, documented as deprecated, so the configuration reference
 * and the validate endpoint list them.
 */
public final class DeprecatedKeys {

    private static final Logger log = LoggerFactory.getLogger(DeprecatedKeys.class);

    private final Map<String, String> replacements;

    private DeprecatedKeys(Map<String, String> replacements) {
        this.replacements = replacements;
    }

    /** {@code oldAndNew} is pairs: an old key, then the key that replaces it. */
    public static DeprecatedKeys renamed(String... oldAndNew) {
        Map<String, String> replacements = new LinkedHashMap<>();
        for (int i = 0; i < oldAndNew.length; i += 2) {
            replacements.put(oldAndNew[i], oldAndNew[i + 1]);
        }
        return new DeprecatedKeys(replacements);
    }

    /** The properties with every old key renamed to its new key; logs one warning per old key in use. */
    public <V> Map<String, V> translate(Map<String, V> props, String plugin) {
        warnings(props).forEach(warning -> log.warn("{}: {}", plugin, warning));
        Map<String, V> translated = new HashMap<>(props);
        replacements.forEach((oldKey, newKey) -> {
            if (translated.containsKey(oldKey)) {
                V value = translated.remove(oldKey);
                translated.putIfAbsent(newKey, value);
            }
        });
        return translated;
    }

    /** One sentence per old key present in {@code props}, naming the key that replaces it. */
    public List<String> warnings(Map<String, ?> props) {
        List<String> warnings = new ArrayList<>();
        replacements.forEach((oldKey, newKey) -> {
            if (props.containsKey(oldKey)) {
                warnings.add(warning(oldKey, newKey, props.containsKey(newKey)));
            }
        });
        return warnings;
    }

    /** The text of the warning for one old key. */
    public static String warning(String oldKey, String newKey, boolean newKeyAlsoSet) {
        return "'" + oldKey + "' is deprecated and will be removed in the next release; use '" + newKey + "'"
                + (newKeyAlsoSet ? " (it is set too, and wins)" : " instead");
    }

    /** Defines each old key, without default or validator, documented as the deprecated name of its new key. */
    public ConfigDef define(ConfigDef def) {
        replacements.forEach((oldKey, newKey) -> def.define(
                oldKey,
                ConfigDef.Type.STRING,
                null,
                ConfigDef.Importance.LOW,
                "Deprecated: the old name of " + newKey + ", accepted until the next " + "release with a warning. Use "
                        + newKey + "."));
        return def;
    }
}
