package dev.telemetry.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.telemetry.connect.testkit.ConfigFiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Every connector file in config/ validates cleanly against its plugin, and its JSON twin says the same. */
class ShippedConnectorConfigsTest {

    static Stream<String> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            List<String> names = new ArrayList<>();
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties")).sorted()
                    .filter(n -> ConfigFiles.load(n).containsKey("connector.class")).forEach(names::add);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void validatesWithoutErrors(String fileName) throws Exception {
        Map<String, String> config = ConfigFiles.load(fileName);
        Connector connector = (Connector) Class.forName(config.get("connector.class"))
                .getDeclaredConstructor().newInstance();
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigValue value : connector.validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                errors.put(value.name(), value.errorMessages());
            }
        }
        assertThat(errors).as(fileName).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void jsonTwinHoldsTheSameSettings(String fileName) throws IOException {
        Map<String, String> properties = ConfigFiles.load(fileName);
        Path jsonFile = Path.of("config", fileName.replace(".properties", ".json"));
        JsonNode json = new ObjectMapper().readTree(jsonFile.toFile());
        Map<String, String> fromJson = new HashMap<>();
        json.get("config").fields().forEachRemaining(e -> fromJson.put(e.getKey(), e.getValue().asText()));
        fromJson.put("name", json.get("name").asText());
        assertThat(fromJson).as(jsonFile.toString()).isEqualTo(properties);
    }
}
