package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.testkit.OperatorSettings;
import dev.telemetry.connect.testkit.ScriptedHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An http_sd endpoint served by a real local HTTP server, with Prometheus's rules for its answers. */
class HttpTargetGroupsTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");

    @Test
    void aJsonListIsReadAndTheRefreshIntervalIsSent() throws Exception {
        String body = new String(TargetGroupTest.resource("targets.json"), StandardCharsets.UTF_8);
        try (ScriptedHttpServer server =
                new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, body, JSON))) {
            List<TargetGroup> groups = groups(server.uri("/sd")).read();
            assertThat(groups).hasSize(3);
            ScriptedHttpServer.Request request = server.requests().get(0);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/sd");
            assertThat(request.header("Accept")).isEqualTo("application/json");
            assertThat(request.header("X-Prometheus-Refresh-Interval-Seconds")).isEqualTo("60");
        }
    }

    @Test
    void anythingButA200WithJsonIsAFailure() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(503))) {
            HttpTargetGroups groups = groups(server.uri("/sd"));
            assertFails(groups, "HTTP 503");

            server.script(request -> new ScriptedHttpServer.Status(200, "[]", Map.of("Content-Type", "text/html")));
            assertFails(groups, "Content-Type 'text/html', not application/json");

            server.script(request -> new ScriptedHttpServer.Status(200, "{\"targets\": []}", JSON));
            assertFails(groups, "no http_sd list: the list of target groups must be an array");

            server.script(request -> new ScriptedHttpServer.Status(302, "", Map.of("Location", "http://127.0.0.1:1/")));
            assertFails(groups, "HTTP 302");

            server.script(request -> new ScriptedHttpServer.Hang(3_000));
            assertFails(
                    new HttpTargetGroups(
                            server.uri("/sd"),
                            60_000,
                            500,
                            OperatorPolicy.ofWorker().networks()),
                    "timed out after 500 ms");

            server.script(request -> new ScriptedHttpServer.Status(200, "[]", JSON));
            assertThat(groups.read()).isEmpty();
        }
    }

    @Test
    void anEndpointOutsideTheOperatorsNetworksIsNeverCalled() throws Exception {
        try (ScriptedHttpServer server =
                        new ScriptedHttpServer(request -> new ScriptedHttpServer.Status(200, "[]", JSON));
                OperatorSettings ignored = OperatorSettings.set(OperatorPolicy.NETWORKS_PROPERTY, "10.0.0.0/8")) {
            assertFails(groups(server.uri("/sd")), "refused");
            assertThat(server.requests()).isEmpty();
        }
    }

    private static void assertFails(HttpTargetGroups groups, String reason) {
        assertThatThrownBy(groups::read)
                .isInstanceOf(TargetGroupSource.DiscoveryFailedException.class)
                .hasMessageContaining(reason);
    }

    /** With a timeout a loaded machine meets; the timeout itself is tested with a short one. */
    private static HttpTargetGroups groups(URI url) {
        return new HttpTargetGroups(
                url, 60_000, 30_000, OperatorPolicy.ofWorker().networks());
    }
}
