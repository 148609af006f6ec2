package dev.telemetry.connect.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.telemetry.connect.testkit.RestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml as a user runs it: broker, worker with the archive mounted, Alertmanager, and the one-shot
 * service that creates the connectors. Runs only where a Docker engine exists; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeIT {

    @Container
    static final ComposeContainer COMPOSE = new ComposeContainer(
                    ComponentArchive.repo().resolve("docker-compose.yml").toFile())
            .withExposedService(
                    "connect",
                    8083,
                    Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(4)))
            .withExposedService("alertmanager", 9093, Wait.forHttp("/-/ready").forStatusCode(200))
            .waitingFor(
                    "connectors",
                    Wait.forLogMessage(".*created alert-sink-alertmanager.*", 1)
                            .withStartupTimeout(Duration.ofMinutes(4)));

    @Test
    void workerRunsTheConnectorsFromConfigJson() throws Exception {
        String base =
                "http://" + COMPOSE.getServiceHost("connect", 8083) + ":" + COMPOSE.getServicePort("connect", 8083);
        RestClient rest = new RestClient(base);
        String connectors = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            connectors = rest.get("connectors?expand=status").body();
            if (connectors.contains("\"telemetry-source\"")
                    && !connectors.contains("\"UNASSIGNED\"")
                    && connectors.split("\"RUNNING\"", -1).length > 3) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(connectors)
                .contains("\"telemetry-source\"", "\"alert-sink-file\"", "\"alert-sink-alertmanager\"")
                .doesNotContain("\"FAILED\"");
    }
}
