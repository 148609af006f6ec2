package dev.telemetry.connect.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plain HTTP calls to a Connect worker's REST API, as a user's curl would make them. */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    /** @param baseUrl the worker's REST root, e.g. {@code http://127.0.0.1:8083/} */
    public RestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response patch(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    /** A POST without a body, as Connect's restart takes it. */
    public Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * The per-key errors of {@code PUT /connector-plugins/{plugin}/config/validate}, which must answer 200 (never a
     * 500) with an {@code error_count} that matches them.
     */
    public Map<String, List<String>> validationErrors(String plugin, Map<String, String> config) {
        Response response = put("connector-plugins/" + plugin + "/config/validate", config);
        if (response.status() != 200) {
            throw new AssertionError("validate answered HTTP " + response.status() + ": " + response.body());
        }
        Map<String, List<String>> errors = ValidationErrors.of(response.json());
        int count = errors.values().stream().mapToInt(List::size).sum();
        if (response.json().path("error_count").asInt() != count) {
            throw new AssertionError("error_count differs from the " + count + " errors listed: " + response.body());
        }
        return errors;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + (path.startsWith("/") ? path.substring(1) : path));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("REST call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during REST call", e);
        }
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write request body as JSON", e);
        }
    }

    /** An HTTP status and body. */
    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Response is not JSON: " + body, e);
            }
        }
    }
}
