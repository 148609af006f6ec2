package dev.telemetry.connect.packaging;

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

    private ComponentArchive() {
    }

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
            Document pom = factory.newDocumentBuilder().parse(repo().resolve("pom.xml").toFile());
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
     * The unpacked archive, for tests that need it. They run in Failsafe after package; when a -Dtest pattern hands
     * them to Surefire as well (before package, when the archive may be missing or stale) they are skipped there.
     */
    static Path requireBuilt() {
        Assumptions.assumeTrue(Boolean.getBoolean("telemetry.integration.phase"),
                "tests of the packaged archive run in Failsafe (mvn verify), after package");
        Path dir = unpacked();
        if (!Files.isDirectory(dir.resolve("lib"))) {
            throw new IllegalStateException("No component archive at " + dir + ": run `mvn -B verify` (package first)");
        }
        return dir;
    }
}
