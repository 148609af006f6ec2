package dev.telemetry.connect.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * A configuration key that several plugins take for the same idea, defined once: its name, type, default, validator,
 * importance, documentation, display name and recommender. Each plugin puts it into its own {@link ConfigDef} with
 * {@link #define}, so the key reads and is documented the same everywhere.
 *
 * <p>A plugin that needs another default (a key that is off by default in one plugin and on in another) takes
 * {@link #withDefault}, with the reason beside the call; name, type and documentation stay the shared ones.
 */
public record SharedKey(
        String name,
        Type type,
        Object defaultValue,
        ConfigDef.Validator validator,
        Importance importance,
        String documentation,
        Width width,
        String displayName,
        ConfigDef.Recommender recommender) {

    /** Defines the key in {@code def} without a group, as transformations and predicates do. */
    public ConfigDef define(ConfigDef def) {
        return define(def, null, -1);
    }

    /** Defines the key in {@code def}, at {@code orderInGroup} of {@code group}. */
    public ConfigDef define(ConfigDef def, String group, int orderInGroup) {
        return def.define(
                name,
                type,
                defaultValue,
                validator,
                importance,
                documentation,
                group,
                orderInGroup,
                width,
                displayName,
                recommender);
    }

    /** The same key with another default, which the shared validator must accept. */
    public SharedKey withDefault(Object otherDefault) {
        return withDefault(otherDefault, validator);
    }

    /**
     * The same key with another default and the validator that goes with it, for a default the shared validator
     * refuses (an empty name that turns the key off in one plugin, where the others require a name).
     */
    public SharedKey withDefault(Object otherDefault, ConfigDef.Validator otherValidator) {
        return new SharedKey(
                name, type, otherDefault, otherValidator, importance, documentation, width, displayName, recommender);
    }
}
