package dev.telemetry.connect.packaging;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The classpath of Kafka's published broker, Connect and tools jars (src/pipeline/pom.xml, the same one the main job
 * runs on), resolved by Maven once per build. A worker started on it has none of this project's classes, so the
 * plugin can only come from plugin.path. Resolved with the repository's Maven Wrapper, so no installed Maven is needed.
 */
final class KafkaRuntime {

    private KafkaRuntime() {}

    /**
     * Resolves the classpath the first time any test JVM of the build asks; Failsafe's parallel forks wait on a file
     * lock for the one that resolves it instead of each running Maven.
     */
    static String classpath() throws IOException, InterruptedException {
        return classpath("src/pipeline/pom.xml", "kafka");
    }

    /**
     * As {@link #classpath()}, of a Kafka 3.9 worker (src/kafka-3.9/pom.xml): Connect's published 3.9 jars, a release
     * without plugin metrics.
     */
    static String kafka39Classpath() throws IOException, InterruptedException {
        return classpath("src/kafka-3.9/pom.xml", "kafka-3.9");
    }

    /** target/it/{@code name}.classpath, resolved from {@code pom} once per build. */
    private static synchronized String classpath(String pom, String name) throws IOException, InterruptedException {
        Path repo = ComponentArchive.repo();
        Path file = repo.resolve("target/it/" + name + ".classpath");
        Files.createDirectories(file.getParent());
        try (FileChannel lockFile = FileChannel.open(
                        file.resolveSibling(name + ".classpath.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            if (!Files.isRegularFile(file)) {
                resolve(repo, pom, file, file.resolveSibling(name + "-classpath-mvn.log"));
            }
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private static void resolve(Path repo, String pom, Path file, Path log) throws IOException, InterruptedException {
        Process mvn = new ProcessBuilder(List.of(
                        repo.resolve("mvnw").toString(),
                        "-q",
                        "-B",
                        "-f",
                        pom,
                        "dependency:build-classpath",
                        "-Dmdep.outputFile=" + file))
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0 || !Files.isRegularFile(file)) {
            mvn.destroyForcibly();
            throw new IOException(
                    "Resolving Kafka's runtime classpath from " + pom + " failed: " + Files.readString(log));
        }
    }

    /**
     * The options of every JVM a test starts, as the test JVMs' own (pom.xml's test.jvm.options): C1 only and one GC
     * thread, so a broker or worker starts in less CPU on a shared two-core machine; a test's few thousand events a
     * second need no peak compilation.
     */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Starts {@code mainClass} of Kafka's runtime (a broker, {@code ConnectStandalone}, {@code ConnectDistributed}) in
     * a JVM of its own with {@link #CHILD_JVM_OPTIONS} and {@code jvmOptions}, from the repository's root (the shipped
     * configs' relative plugin.path), logging at INFO in Kafka's own layout to {@code log}.
     */
    static Process start(Path log, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException, InterruptedException {
        return start(classpath(), log, jvmOptions, mainClass, args);
    }

    /** As {@link #start(Path, List, String, List)}, on another Kafka runtime's {@code classpath}. */
    static Process start(String classpath, Path log, List<String> jvmOptions, String mainClass, List<String> args)
            throws IOException {
        Path log4j = log4jConfig(log.getParent());
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.add("-Xmx512m");
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command)
                .directory(ComponentArchive.repo().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * The child JVMs' logging config in {@code dir}, written once: INFO in Kafka's own layout, to the console that the
     * caller redirects to its log file.
     */
    static Path log4jConfig(Path dir) throws IOException {
        Path log4j = dir.resolve("child-jvm-log4j2.properties");
        if (!Files.isRegularFile(log4j)) {
            Files.writeString(
                    log4j,
                    String.join(
                            "\n",
                            "appender.out.type = Console",
                            "appender.out.name = OUT",
                            "appender.out.layout.type = PatternLayout",
                            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                            "rootLogger.level = INFO",
                            "rootLogger.appenderRef.out.ref = OUT",
                            ""));
        }
        return log4j;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
