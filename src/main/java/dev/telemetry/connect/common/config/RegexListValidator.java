package dev.telemetry.connect.common.config;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Every entry of a list is a Java regular expression; an error names the entry and where in it the syntax fails. */
public final class RegexListValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> patterns = (List<String>) value;
        if (patterns == null) {
            return;
        }
        for (int i = 0; i < patterns.size(); i++) {
            try {
                Pattern.compile(patterns.get(i));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(
                        name,
                        value,
                        "Entry " + (i + 1) + " '" + patterns.get(i) + "' is not a regular expression: "
                                + e.getDescription() + " at position " + e.getIndex());
            }
        }
    }

    @Override
    public String toString() {
        return "list of Java regular expressions";
    }
}
