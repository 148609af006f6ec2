package dev.telemetry.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The few Connect REST calls the runner makes, with JSON in and out. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    /** The Authorization header of every request (--secure: HTTP basic authentication), or null. */
    private final String authorization;

    ConnectRest(int port) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), "http://127.0.0.1:" + port + "/",
                null);
    }

    ConnectRest(HttpClient http, String base, String authorization) {
        this.http = http;
        this.base = URI.create(base);
        this.authorization = authorization;
    }

    /** True once the worker has started and joined its group: GET /health answers 200 only then. */
    boolean isReady() {
        try {
            return get("health").statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Class names of every connector, transform, predicate and converter the worker can load. */
    Set<String> pluginClasses() throws IOException, InterruptedException {
        HttpResponse<String> response = get("connector-plugins?connectorsOnly=false");
        require(response, 200, "list plugins");
        Set<String> classes = new LinkedHashSet<>();
        for (JsonNode plugin : JSON.readTree(response.body())) {
            classes.add(plugin.path("class").asText());
        }
        return classes;
    }

    void createConnector(String name, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("connectors/" + name + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("Creating connector " + name + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    void pause(String name) throws IOException, InterruptedException {
        require(send(HttpRequest.newBuilder(base.resolve("connectors/" + name + "/pause"))
                .PUT(HttpRequest.BodyPublishers.noBody())), 202, "pause " + name);
    }

    void resume(String name) throws IOException, InterruptedException {
        require(send(HttpRequest.newBuilder(base.resolve("connectors/" + name + "/resume"))
                .PUT(HttpRequest.BodyPublishers.noBody())), 202, "resume " + name);
    }

    /** Each FAILED task of the connector: its id, the first line of its trace and the trace's last cause. */
    List<String> failedTasks(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = get("connectors/" + name + "/status");
        require(response, 200, "read the status of " + name);
        List<String> failed = new ArrayList<>();
        for (JsonNode task : JSON.readTree(response.body()).path("tasks")) {
            if (task.path("state").asText().equals("FAILED")) {
                List<String> trace = task.path("trace").asText("").lines().toList();
                String cause = trace.stream()
                        .filter(line -> line.startsWith("Caused by: "))
                        .reduce((first, last) -> last)
                        .orElse("");
                failed.add(task.path("id").asInt() + ": " + (trace.isEmpty() ? "no trace" : trace.get(0))
                        + (cause.isEmpty() ? "" : " (" + cause + ")"));
            }
        }
        return failed;
    }

    /** Restarts the connector's failed tasks only. */
    void restartFailedTasks(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        base.resolve("connectors/" + name + "/restart?includeTasks=true&onlyFailed=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 202 && response.statusCode() != 204) {
            throw new IOException("Could not restart the failed tasks of " + name + ": HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /** The connector's state and its tasks' states, e.g. {@code RUNNING [RUNNING]}; the first error if one failed. */
    String status(String name) throws IOException, InterruptedException {
        HttpResponse<String> response = get("connectors/" + name + "/status");
        if (response.statusCode() != 200) {
            return "unknown (HTTP " + response.statusCode() + ")";
        }
        JsonNode status = JSON.readTree(response.body());
        StringBuilder text = new StringBuilder(status.path("connector").path("state").asText());
        text.append(" tasks [");
        String trace = status.path("connector").path("trace").asText("");
        for (JsonNode task : status.path("tasks")) {
            text.append(task.path("id").asInt() == 0 ? "" : " ").append(task.path("state").asText());
            if (trace.isEmpty()) {
                trace = task.path("trace").asText("");
            }
        }
        text.append(']');
        if (!trace.isEmpty()) {
            text.append("\n      ").append(trace.lines().findFirst().orElse(""));
        }
        return text.toString();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void require(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException("Could not " + what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
