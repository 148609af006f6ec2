package dev.telemetry.connect.common.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Offers the allowed values of an enumerated key, so the validate endpoint can list them. */
public final class ValuesRecommender implements ConfigDef.Recommender {

    private final List<Object> values;

    public ValuesRecommender(List<String> values) {
        this.values = List.copyOf(values);
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return values;
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }
}
