package dev.telemetry.connect.common.config;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A Java regular expression, compiled at validation so a typo is refused before a task starts; the message names the
 * key, the problem and its position in the pattern. An empty or unset value passes (whether it is required is the
 * key's own business).
 */
public final class RegexValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || ((String) value).isEmpty()) {
            return;
        }
        try {
            Pattern.compile((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(
                    name,
                    value,
                    name + " is not a valid regular expression: " + e.getDescription() + " at position "
                            + e.getIndex());
        }
    }

    @Override
    public String toString() {
        return "a Java regular expression";
    }
}
