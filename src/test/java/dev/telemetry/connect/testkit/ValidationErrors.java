package dev.telemetry.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/** Key to error messages of a validation, in process ({@code Connector.validate}) or over REST. */
public final class ValidationErrors {

    private ValidationErrors() {}

    /** The keys with errors in a {@code Connector.validate} result. */
    public static Map<String, List<String>> of(Config config) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : config.configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        return errors;
    }

    /** The keys with errors in the body of {@code PUT /connector-plugins/{name}/config/validate}. */
    public static Map<String, List<String>> of(JsonNode validateResponse) {
        Map<String, List<String>> errors = new HashMap<>();
        for (JsonNode entry : validateResponse.path("configs")) {
            JsonNode value = entry.path("value");
            List<String> messages = new ArrayList<>();
            value.path("errors").forEach(message -> messages.add(message.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), messages);
            }
        }
        return errors;
    }
}
