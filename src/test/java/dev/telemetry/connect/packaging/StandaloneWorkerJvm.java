package dev.telemetry.connect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What the tests that run {@code ConnectStandalone} in a JVM of its own ({@link StandaloneArchiveIT},
 * {@link Kafka39WorkerIT}) share: the config files they hand it, its stop with its log kept, and reading what its
 * connectors wrote. The plugin's own classes are not used here, so that a test can check the archive's on its own.
 */
final class StandaloneWorkerJvm {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bundle's severities, least urgent first (the schema package's Severity, as the records spell it). */
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private StandaloneWorkerJvm() {}

    /** Writes {@code props} to {@code dir/name} for the worker's command line; returns the file. */
    static Path store(Path dir, Properties props, String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(writer, "copy of config/" + name + " for a test's worker");
        }
        return file;
    }

    /** Stops the worker (SIGTERM, then SIGKILL after 30 s) and keeps its log as {@code target/it/<keptName>}. */
    static void stop(Process worker, Path log, String keptName) throws IOException, InterruptedException {
        if (worker != null) {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (log != null && Files.exists(log)) {
            Path kept = ComponentArchive.repo().resolve("target/it").resolve(keptName);
            Files.createDirectories(kept.getParent());
            Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A record value as JSON: the payload of a JsonConverter envelope, or the value itself without one. */
    static JsonNode payload(byte[] value) throws IOException {
        JsonNode node = JSON.readTree(value);
        return node.has("schema") && node.has("payload") ? node.get("payload") : node;
    }

    /** The records among {@code values} whose severity is at least {@code minimum} (a {@link #severityRank}). */
    static long atLeast(Collection<JsonNode> values, int minimum) {
        return values.stream()
                .filter(value -> severityRank(value.path("severity").asText()) >= minimum)
                .count();
    }

    /** The lines of the file sink's alert file written so far; none before it exists. */
    static List<String> alertLines(Path alertFile) throws IOException {
        return Files.exists(alertFile)
                ? Files.readAllLines(alertFile, StandardCharsets.UTF_8).stream()
                        .filter(line -> !line.isBlank())
                        .toList()
                : List.of();
    }

    /** The severity's place in {@link #SEVERITIES}; -1 for anything else. */
    static int severityRank(String severity) {
        return SEVERITIES.indexOf(severity.trim().toLowerCase(Locale.ROOT));
    }
}
