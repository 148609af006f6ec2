package dev.telemetry.connect.sink.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/** Shows a destination's keys only when that destination is chosen. */
final class DestinationRecommender implements ConfigDef.Recommender {

    private final Set<Destination> destinations;

    DestinationRecommender(Set<Destination> destinations) {
        this.destinations = destinations;
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return List.of();
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        Object chosen = parsedConfig.get(AlertSinkConfig.DESTINATION_CONFIG);
        if (!(chosen instanceof String)) {
            return true;
        }
        try {
            return destinations.contains(Destination.parse((String) chosen));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
