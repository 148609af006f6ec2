package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The component archive `mvn package` built: its layout, its manifest against the pom, its lib/ against the project's
 * runtime dependencies, and that every plugin it lists loads from lib/ with nothing but Kafka's API underneath.
 */
class PackagedArchiveIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path unpacked;

    @BeforeAll
    static void archiveIsBuilt() {
        unpacked = ComponentArchive.requireBuiltWithoutPluginClasses();
    }

    @Test
    void zipHoldsExactlyTheUnpackedTreeUnderOneTopDirectory() throws IOException {
        Set<String> zipFiles = new TreeSet<>();
        try (ZipFile zip = new ZipFile(ComponentArchive.zip().toFile())) {
            zip.stream().filter(entry -> !entry.isDirectory()).forEach(entry -> zipFiles.add(entry.getName()));
        }
        Set<String> treeFiles = new TreeSet<>();
        try (Stream<Path> files = Files.walk(unpacked)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> treeFiles.add(ComponentArchive.packagesDir()
                            .relativize(file)
                            .toString()
                            .replace(File.separatorChar, '/')));
        }
        assertThat(zipFiles).isEqualTo(treeFiles);
        assertThat(zipFiles).allMatch(name -> name.startsWith(ComponentArchive.componentName() + "/"));
        assertThat(zipFiles).contains(ComponentArchive.componentName() + "/manifest.json");
    }

    @Test
    void manifestIsTheCommittedOneWithThePomVersion() throws IOException {
        var packaged = JSON.readTree(unpacked.resolve("manifest.json").toFile());
        assertThat(packaged.path("version").asText()).isEqualTo(ComponentArchive.pomVersion());
        assertThat(packaged).isEqualTo(ComponentArchive.committedManifest());
    }

    @Test
    void docHoldsReadmeLicenseAndVersion() throws IOException {
        Path doc = unpacked.resolve("doc");
        assertThat(Files.readString(doc.resolve("version.txt")).trim()).isEqualTo(ComponentArchive.pomVersion());
        assertThat(doc.resolve("README.md"))
                .hasSameTextualContentAs(ComponentArchive.repo().resolve("README.md"));
        assertThat(doc.resolve("docs/configuration.md"))
                .hasSameTextualContentAs(ComponentArchive.repo().resolve("docs/configuration.md"));
        assertThat(Files.readString(doc.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
    }

    @Test
    void etcHoldsEveryExampleConfig() throws IOException {
        Set<String> expected;
        try (Stream<Path> files = Files.list(ComponentArchive.repo().resolve("config"))) {
            expected = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".properties") || name.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> packaged;
        try (Stream<Path> files = Files.list(unpacked.resolve("etc"))) {
            packaged = files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(packaged)
                .isEqualTo(expected)
                .contains("connect-standalone.properties", "connect-distributed.properties");
    }

    @Test
    void libHoldsThePluginJarAndEveryRuntimeDependencyButNoKafkaOrSlf4j() throws IOException {
        Set<String> jars =
                libJars().stream().map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(runtimeDependencyJarNames());
        expected.add(ComponentArchive.ARTIFACT_ID + "-" + ComponentArchive.pomVersion() + ".jar");
        expected.add(kafkaApiFallbackJar().getFileName().toString());
        assertThat(jars).isEqualTo(expected);
        assertThat(jars)
                .anyMatch(name -> name.startsWith("jackson-databind-"))
                .anyMatch(name -> name.startsWith("cel-"));

        for (Path jar : libJars()) {
            if (jar.equals(kafkaApiFallbackJar())) {
                continue;
            }
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                List<String> foreign = zip.stream()
                        .map(ZipEntry::getName)
                        .filter(name -> name.startsWith("org/apache/kafka/") || name.startsWith("org/slf4j/"))
                        .limit(3)
                        .toList();
                assertThat(foreign)
                        .as("Kafka or SLF4J classes inside " + jar.getFileName())
                        .isEmpty();
            }
        }
    }

    /**
     * The one jar of Kafka classes in lib/: Kafka 4.1's two plugin metrics interfaces and nothing else, for workers
     * older than 4.1 (docs/metrics.md). Any other Kafka class there could shadow a worker's.
     */
    @Test
    void kafkaApiFallbackJarHoldsOnlyThePluginMetricsInterfaces() throws IOException {
        try (ZipFile zip = new ZipFile(kafkaApiFallbackJar().toFile())) {
            List<String> classes = zip.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> !name.endsWith("/") && !name.startsWith("META-INF/"))
                    .sorted()
                    .toList();
            assertThat(classes)
                    .containsExactly(
                            "org/apache/kafka/common/metrics/Monitorable.class",
                            "org/apache/kafka/common/metrics/PluginMetrics.class");
        }
    }

    /**
     * Loads every plugin the plugin jar lists, from lib/ alone, over a parent that has only what a worker provides to
     * plugins (connect-api, kafka-clients and their compression and logging jars): a missing dependency shows up here
     * as a NoClassDefFoundError instead of in a user's worker.
     */
    @Test
    void everyListedPluginLoadsFromLibAlone() throws Exception {
        Path pluginJar =
                unpacked.resolve("lib/" + ComponentArchive.ARTIFACT_ID + "-" + ComponentArchive.pomVersion() + ".jar");
        List<String> listed = new ArrayList<>();
        try (ZipFile zip = new ZipFile(pluginJar.toFile())) {
            for (var entry : PluginClasses.BY_SERVICE.entrySet()) {
                ZipEntry services = zip.getEntry("META-INF/services/" + entry.getKey());
                assertThat(services)
                        .as("META-INF/services/" + entry.getKey() + " in the plugin jar")
                        .isNotNull();
                List<String> classes;
                try (InputStream in = zip.getInputStream(services)) {
                    classes = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .map(String::trim)
                            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                            .toList();
                }
                assertThat(classes).as(entry.getKey()).containsAll(entry.getValue());
                listed.addAll(classes);
            }
        }

        try (URLClassLoader workerApi = new URLClassLoader(workerProvidedJars(), ClassLoader.getPlatformClassLoader());
                URLClassLoader plugin = new URLClassLoader(toUrls(libJars()), workerApi)) {
            for (String className : listed) {
                Class<?> type = Class.forName(className, true, plugin);
                assertThat(type.getClassLoader()).as(className).isSameAs(plugin);
                Object instance = type.getDeclaredConstructor().newInstance();
                Method config = type.getMethod("config");
                assertThat(config.invoke(instance)).as(className + ".config()").isNotNull();
                Method version = type.getMethod("version");
                assertThat(version.invoke(instance))
                        .as(className + ".version()")
                        .isEqualTo(ComponentArchive.pomVersion());
            }
        }
    }

    private static Path kafkaApiFallbackJar() {
        return unpacked.resolve("lib/" + ComponentArchive.ARTIFACT_ID + "-" + ComponentArchive.pomVersion()
                + "-kafka-api-fallback.jar");
    }

    private static List<Path> libJars() throws IOException {
        try (Stream<Path> files = Files.list(unpacked.resolve("lib"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** "groupId:artifactId:type[:classifier]:version:scope" lines from the build's dependency:list, as jar names. */
    private static List<String> runtimeDependencyJarNames() throws IOException {
        Path list = ComponentArchive.repo().resolve("target/components/runtime-dependencies.txt");
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            String coordinates = line.trim().split("\\s+")[0];
            String[] parts = coordinates.split(":");
            if (parts.length < 5 || parts[0].equals("org.apache.kafka") || parts[0].equals("org.slf4j")) {
                continue;
            }
            String classifier = parts.length == 6 ? "-" + parts[3] : "";
            String version = parts[parts.length - 2];
            names.add(parts[1] + "-" + version + classifier + ".jar");
        }
        assertThat(names).as("dependencies listed in " + list).isNotEmpty();
        return names;
    }

    private static URL[] workerProvidedJars() {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/org/apache/kafka/connect-api/")
                        || entry.contains("/org/apache/kafka/kafka-clients/") && !entry.endsWith("-test.jar")
                        || entry.contains("/org/slf4j/slf4j-api/")
                        || entry.contains("/com/github/luben/")
                        || entry.contains("/at/yawk/lz4/")
                        || entry.contains("/org/lz4/")
                        || entry.contains("/org/xerial/snappy/"))
                .map(Path::of)
                .toList();
        assertThat(jars)
                .as("connect-api and kafka-clients on the test classpath")
                .anyMatch(p -> p.toString().contains("connect-api"))
                .anyMatch(p -> p.toString().contains("kafka-clients"));
        return toUrls(jars);
    }

    private static URL[] toUrls(List<Path> paths) {
        return paths.stream()
                .map(p -> {
                    try {
                        return p.toUri().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(URL[]::new);
    }
}
