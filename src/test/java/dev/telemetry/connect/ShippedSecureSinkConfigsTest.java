package dev.telemetry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.ConfigFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped alert sink has its lines for the secure deployment (config/secure/&lt;name&gt;.properties,
 * docs/security.md): its clients log in as its own principal with the password from the worker's file provider, and
 * acls.txt grants that principal exactly what the sink's shipped config uses: reading its topics in its group
 * {@code connect-<name>} and writing its dead-letter topic, and, for a sink that sets {@code audit.topic}, writing its
 * receipts there. {@code SecureDeploymentIT} runs such grants on a broker.
 */
class ShippedSecureSinkConfigsTest {

    private static final Path ACLS = Path.of("config/secure/acls.txt");
    private static final List<String> CLIENTS = List.of("producer", "consumer", "admin");

    static Stream<String> alertSinkFiles() throws IOException {
        return ShippedConnectorConfigsTest.alertSinkFiles();
    }

    @ParameterizedTest
    @MethodSource("alertSinkFiles")
    void itsClientsLogInAsItsOwnPrincipalWithAFileProviderSecret(String fileName) {
        String name = ConfigFiles.load(fileName).get("name");
        Map<String, String> secure = ConfigFiles.load("secure/" + name + ".properties");
        for (String client : CLIENTS) {
            assertThat(secure.get(client + ".override.sasl.jaas.config"))
                    .as(client + " login of " + name)
                    .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                            + "\" password=\"${file:/tmp/telemetry-secure/secrets/kafka-users.properties:" + name
                            + "}\";");
        }
        // Anything else it adds, but the topic of its delivery receipts, is a secret, and a secret is a reference to
        // the secrets directory, never a value.
        secure.forEach((key, value) -> {
            if (!key.endsWith(".override.sasl.jaas.config") && !key.equals("audit.topic")) {
                assertThat(value).as(key + " of " + name).startsWith("${dir:/tmp/telemetry-secure/secrets/");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("alertSinkFiles")
    void itsPrincipalMayReadItsTopicsInItsGroupAndWriteItsDeadLetterTopicOnly(String fileName) throws IOException {
        Map<String, String> shipped = ConfigFiles.load(fileName);
        String name = shipped.get("name");
        List<List<String>> grants = aclsOf(name);
        List<String> topics = Arrays.asList(shipped.get("topics").split("\\s*,\\s*"));

        String auditTopic = ConfigFiles.load("secure/" + name + ".properties").get("audit.topic");
        assertThat(grants).as("acls.txt lines of User:" + name).hasSize(auditTopic == null ? 2 : 3);
        if (auditTopic != null) {
            // Its receipts are written as its own principal: Write and Describe on the audit topic, nothing more.
            assertThat(grants)
                    .as(name + " writes its receipts")
                    .contains(List.of("--operation", "Write", "--operation", "Describe", "--topic", auditTopic));
        }
        List<String> consumer = grants.stream()
                .filter(args -> args.contains("--consumer"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no --consumer grant for " + name));
        assertThat(valuesOf(consumer, "--topic")).as(name + " reads").containsExactlyInAnyOrderElementsOf(topics);
        assertThat(valuesOf(consumer, "--group")).as(name + "'s group").containsExactly("connect-" + name);

        List<String> producer = grants.stream()
                .filter(args -> args.contains("--producer"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no --producer grant for " + name));
        assertThat(valuesOf(producer, "--topic"))
                .as(name + " writes")
                .containsExactly(shipped.get("errors.deadletterqueue.topic.name"));
        assertThat(producer).as(name + " writes no transactions").doesNotContain("--transactional-id");
    }

    /** The arguments of each acls.txt line of {@code principal}, one list per line. */
    private static List<List<String>> aclsOf(String principal) throws IOException {
        List<List<String>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(ACLS, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> words = Arrays.asList(line.trim().split("\\s+"));
            if (words.get(0).equals(principal)) {
                lines.add(words.subList(1, words.size()));
            }
        }
        return lines;
    }

    private static List<String> valuesOf(List<String> args, String option) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(option)) {
                values.add(args.get(i + 1));
            }
        }
        return values;
    }
}
