package dev.telemetry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ConfigFiles;
import dev.telemetry.connect.testkit.ValidationErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every connector file in config/ validates cleanly against its plugin, and its JSON twin says the same. */
class ShippedConnectorConfigsTest {

    static Stream<String> connectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("config"))) {
            List<String> names = new ArrayList<>();
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".properties"))
                    .sorted()
                    .filter(n -> ConfigFiles.load(n).containsKey("connector.class"))
                    .forEach(names::add);
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void validatesWithoutErrors(String fileName) throws Exception {
        Map<String, String> config = ConfigFiles.load(fileName);
        Connector connector = (Connector) Class.forName(config.get("connector.class"))
                .getDeclaredConstructor()
                .newInstance();
        assertThat(ValidationErrors.of(connector.validate(config))).as(fileName).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("connectorFiles")
    void jsonTwinHoldsTheSameSettings(String fileName) {
        assertThat(ConfigFiles.jsonTwin(fileName))
                .as("JSON twin of " + fileName)
                .isEqualTo(ConfigFiles.load(fileName));
    }
}
