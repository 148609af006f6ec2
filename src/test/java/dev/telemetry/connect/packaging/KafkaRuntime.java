package dev.telemetry.connect.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of Kafka's published broker, Connect and tools jars (src/pipeline/pom.xml, the same one the main job
 * runs on), resolved by Maven once per build. A worker started on it has none of this project's classes, so the
 * plugin can only come from plugin.path.
 */
final class KafkaRuntime {

    private KafkaRuntime() {}

    static synchronized String classpath() throws IOException, InterruptedException {
        Path repo = ComponentArchive.repo();
        Path file = repo.resolve("target/it/kafka.classpath");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Path log = file.resolveSibling("kafka-classpath-mvn.log");
            Process mvn = new ProcessBuilder(List.of(
                            "mvn",
                            "-q",
                            "-B",
                            "-f",
                            "src/pipeline/pom.xml",
                            "dependency:build-classpath",
                            "-Dmdep.outputFile=" + file))
                    .directory(repo.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !Files.isRegularFile(file)) {
                mvn.destroyForcibly();
                throw new IOException("Resolving Kafka's runtime classpath failed: " + Files.readString(log));
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
