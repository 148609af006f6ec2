package dev.telemetry.connect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * Where the build puts the Confluent Hub component, derived from pom.xml itself (not from the build's own filtered
 * files), so the tests compare the archive with the pom rather than with something the same build wrote.
 */
final class ComponentArchive {

    static final String OWNER = "telemetry";
    static final String ARTIFACT_ID = "kafka-connect-telemetry";

    private ComponentArchive() {}

    /** The repository root: Surefire and Failsafe run in the module's base directory. */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
            throw new IllegalStateException("Run from the repository root; no pom.xml in " + dir);
        }
        return dir;
    }

    static String pomVersion() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom =
                    factory.newDocumentBuilder().parse(repo().resolve("pom.xml").toFile());
            for (Node child = pom.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
                if ("version".equals(child.getNodeName())) {
                    return child.getTextContent().trim();
                }
            }
            throw new IllegalStateException("pom.xml has no project version");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read pom.xml", e);
        }
    }

    /** The location string Connect logs and reports for a plugin directory: URL form, file:/path/. */
    static String pluginLocation() {
        try {
            return unpacked().toUri().toURL().toString();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode committedManifest() throws IOException {
        return new ObjectMapper().readTree(repo().resolve("manifest.json").toFile());
    }

    static String componentName() {
        return OWNER + "-" + ARTIFACT_ID + "-" + pomVersion();
    }

    /** The plugin.path directory the README and config/ name. */
    static Path packagesDir() {
        return repo().resolve("target/components/packages");
    }

    static Path unpacked() {
        return packagesDir().resolve(componentName());
    }

    static Path zip() {
        return packagesDir().resolve(componentName() + ".zip");
    }

    /**
     * The unpacked archive, for tests that need it. Both Failsafe executions run after package and set
     * {@code telemetry.component.archive.built}; where a -Dtest pattern also hands such a test to Surefire, before
     * package, it is skipped there.
     */
    static Path requireBuilt() {
        Assumptions.assumeTrue(
                Boolean.getBoolean("telemetry.component.archive.built"),
                "tests of the packaged archive run in Failsafe, after package (./mvnw verify)");
        Path dir = unpacked();
        if (!Files.isDirectory(dir.resolve("lib"))) {
            throw new IllegalStateException(
                    "No component archive at " + dir + ": run `./mvnw -B verify` (package first)");
        }
        return dir;
    }

    /**
     * As {@link #requireBuilt()}, for a test that loads plugins inside its own JVM: it runs only in the pom's Failsafe
     * execution "packaged-archive", whose classpath leaves out the plugin's classes (a copy there would win over the
     * archive), and is skipped where a -Dit.test pattern hands it to the main execution.
     */
    static Path requireBuiltWithoutPluginClasses() {
        Path dir = requireBuilt();
        Assumptions.assumeTrue(
                ClassLoader.getSystemResource(PluginClasses.SOURCE.replace('.', '/') + ".class") == null,
                "tests that load the archive's plugins in the test JVM run in Failsafe's packaged-archive execution");
        return dir;
    }
}
