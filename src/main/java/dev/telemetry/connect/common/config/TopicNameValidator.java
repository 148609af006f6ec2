package dev.telemetry.connect.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Kafka's own rules for a topic name: 1 to 249 of [a-zA-Z0-9._-], and not "." or "..". */
public final class TopicNameValidator implements ConfigDef.Validator {

    private static final int MAX_LENGTH = 249;

    @Override
    public void ensureValid(String name, Object value) {
        String topic = (String) value;
        if (topic == null || topic.isEmpty()) {
            throw new ConfigException(name, value, "A topic name must not be empty");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new ConfigException(name, value, "A topic name has at most " + MAX_LENGTH + " characters");
        }
        if (topic.equals(".") || topic.equals("..") || !topic.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(
                    name,
                    value,
                    "A topic name uses only ASCII letters, digits, '.', '_' and '-', and is not '.' or '..'");
        }
    }

    @Override
    public String toString() {
        return "a legal Kafka topic name";
    }
}
