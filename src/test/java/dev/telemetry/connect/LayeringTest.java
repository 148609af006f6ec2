package dev.telemetry.connect;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundle's layering, checked on its compiled main classes (tests, testkit and benchmarks may use any package):
 *
 * <ol>
 *   <li>{@code common..} depends on nothing else of the bundle.
 *   <li>{@code schema} depends on nothing of the bundle but {@code common..}.
 *   <li>{@code transforms..} does not depend on {@code source..} or {@code sink..} (the connectors may use the
 *       transforms' public API, not the other way round).
 *   <li>{@code source..} and {@code sink..} never depend on each other.
 *   <li>Each input's subpackage ({@code source.generator}, {@code source.logfile}, {@code source.scrape},
 *       {@code source.health}) depends neither on another input's subpackage nor on {@code source}, where the
 *       connector classes are: a connector reaches into its own subpackage only.
 *   <li>The sink's subpackages ({@code sink.alert}, {@code sink.config}, {@code sink.incident}, {@code sink.payload},
 *       {@code sink.sender}) do
 *       not depend on {@code sink}, where the connector and its task are.
 * </ol>
 *
 * What several connectors need belongs in {@code common..} (mechanics) or {@code schema} (record shapes and keys tied
 * to the streams); a violation is fixed by moving the shared thing there, not by loosening a rule.
 */
class LayeringTest {

    private static final String BUNDLE = "dev.telemetry.connect..";
    private static final String COMMON = "dev.telemetry.connect.common..";
    private static final String SCHEMA = "dev.telemetry.connect.schema";
    private static final String SOURCE = "dev.telemetry.connect.source..";
    private static final String SINK = "dev.telemetry.connect.sink..";
    private static final String TRANSFORMS = "dev.telemetry.connect.transforms..";
    private static final List<String> INPUTS = List.of("generator", "logfile", "scrape", "health");
    private static final List<String> SINK_PARTS = List.of("alert", "config", "incident", "payload", "sender");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.telemetry.connect");

    @Test
    void commonDependsOnNothingElseOfTheBundle() {
        noClasses()
                .that()
                .resideInAPackage(COMMON)
                .should()
                .dependOnClassesThat(resideInAPackage(BUNDLE).and(not(resideInAPackage(COMMON))))
                .check(MAIN);
    }

    @Test
    void schemaDependsOnlyOnCommon() {
        noClasses()
                .that()
                .resideInAPackage(SCHEMA)
                .should()
                .dependOnClassesThat(resideInAPackage(BUNDLE).and(not(resideInAnyPackage(COMMON, SCHEMA))))
                .check(MAIN);
    }

    @Test
    void transformsDependOnNoConnector() {
        noClasses()
                .that()
                .resideInAPackage(TRANSFORMS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SOURCE, SINK)
                .check(MAIN);
    }

    @Test
    void sourcesAndSinkDependOnNeitherOther() {
        noClasses()
                .that()
                .resideInAPackage(SOURCE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SINK)
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(SINK)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(SOURCE)
                .check(MAIN);
    }

    @Test
    void eachInputKeepsToItsOwnSubpackage() {
        for (String input : INPUTS) {
            String own = "dev.telemetry.connect.source." + input;
            noClasses()
                    .that()
                    .resideInAPackage(own)
                    .should()
                    .dependOnClassesThat(resideInAPackage(SOURCE).and(not(resideInAPackage(own))))
                    .check(MAIN);
        }
    }

    @Test
    void sinkInternalsDoNotDependOnTheConnectorPackage() {
        for (String part : SINK_PARTS) {
            noClasses()
                    .that()
                    .resideInAPackage("dev.telemetry.connect.sink." + part)
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("dev.telemetry.connect.sink")
                    .check(MAIN);
        }
    }
}
