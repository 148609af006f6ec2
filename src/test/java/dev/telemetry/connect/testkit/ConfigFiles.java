package dev.telemetry.connect.testkit;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Reads the connector files shipped in {@code config/}, so tests run exactly what users run. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static Map<String, String> load(String fileName) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config", fileName))) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read config/" + fileName, e);
        }
        Map<String, String> config = new HashMap<>();
        props.forEach((k, v) -> config.put((String) k, (String) v));
        return config;
    }
}
