package dev.telemetry.connect.common.config;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A LIST key that must name at least one entry. */
public final class NonEmptyListValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || ((List<?>) value).isEmpty()) {
            throw new ConfigException(name, value, "Name at least one entry");
        }
    }

    @Override
    public String toString() {
        return "non-empty list";
    }
}
