package dev.telemetry.connect.common.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A list of Java regular expressions, each checked by {@link RegexValidator}: the message names the key, the entry
 * that does not compile and where in it the syntax fails.
 */
public final class RegexListValidator implements ConfigDef.Validator {

    private static final RegexValidator ENTRY = new RegexValidator();

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> patterns = (List<String>) value;
        if (patterns != null) {
            patterns.forEach(pattern -> ENTRY.ensureValid(name, pattern));
        }
    }

    @Override
    public String toString() {
        return "list of Java regular expressions";
    }
}
