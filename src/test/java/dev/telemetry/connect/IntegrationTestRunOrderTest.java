package dev.telemetry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failsafe hands the integration test classes to its JVMs longest first, by the times in the committed statistics
 * file (pom.xml, execution {@code it-run-order}). A class missing from it would run last, and a long one there leaves
 * one JVM working while the other waits: every class of the main execution must have its line.
 */
class IntegrationTestRunOrderTest {

    private static final Path SEED = Path.of("src/test/run-order/.surefire-it-main");
    private static final Path TESTS = Path.of("src/test/java");

    @Test
    void everyIntegrationTestOfTheMainExecutionHasItsTimeInTheRunOrder() throws IOException {
        List<String> seeded = Files.readAllLines(SEED).stream()
                .map(line -> line.split(",")[2])
                .toList();
        String pom = Files.readString(Path.of("pom.xml"));
        List<String> mainExecution;
        try (Stream<Path> files = Files.walk(TESTS)) {
            mainExecution = files.map(TESTS::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith("IT.java"))
                    .filter(name -> !pom.contains("<exclude>" + name + "</exclude>"))
                    .map(name ->
                            name.substring(0, name.length() - ".java".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
        assertThat(mainExecution).isNotEmpty();
        assertThat(seeded)
                .as("classes in %s; add a line \"1,<milliseconds>,<class>\" for each new one", SEED)
                .containsAll(mainExecution);
        assertThat(mainExecution)
                .as("classes in %s that no longer exist or run elsewhere", SEED)
                .containsAll(seeded);
    }
}
