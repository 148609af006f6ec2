package dev.telemetry.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** The one way tests read the files shipped in {@code config/}, so they run exactly what users run. */
public final class ConfigFiles {

    private static final Path DIR = Path.of("config");

    private ConfigFiles() {}

    /** A shipped properties file as a map. */
    public static Map<String, String> load(String fileName) {
        Properties props = properties(fileName);
        Map<String, String> config = new HashMap<>();
        props.stringPropertyNames().forEach(key -> config.put(key, props.getProperty(key)));
        return config;
    }

    /** A shipped properties file as {@link Properties}, for a test that writes a changed copy. */
    public static Properties properties(String fileName) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(DIR.resolve(fileName), StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config/" + fileName, e);
        }
        return props;
    }

    /**
     * The JSON twin of a connector properties file ({@code x.properties} to {@code x.json}, the body of
     * {@code POST /connectors}) flattened to the same shape: its {@code config} entries plus its {@code name}.
     */
    public static Map<String, String> jsonTwin(String propertiesFileName) {
        Path file = DIR.resolve(propertiesFileName.replace(".properties", ".json"));
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            Map<String, String> config = new HashMap<>();
            json.get("config")
                    .fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            config.put("name", json.get("name").asText());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
