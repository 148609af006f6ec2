package dev.telemetry.connect.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP receiver for the sink's webhook ({@code POST /hooks/alerts}, {@code {"alerts": [...]}}) and Alertmanager
 * ({@code POST /api/v2/alerts}, an array of postable alerts) destinations. It notes the moment each request arrived
 * for every alert in it. For Alertmanager it passes each request on to a real Alertmanager when one is given and
 * answers with its status, so the sink waits for Alertmanager as it would in production.
 */
final class AlertReceiver implements AutoCloseable {

    static final String WEBHOOK_PATH = "/hooks/alerts";
    static final String ALERTMANAGER_PATH = "/api/v2/alerts";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI alertmanager;
    private final ConcurrentLinkedQueue<Delivery> received = new ConcurrentLinkedQueue<>();

    /** @param alertmanager a real Alertmanager's base URI to pass Alertmanager requests on to, or {@code null} */
    AlertReceiver(URI alertmanager) throws IOException {
        this.alertmanager = alertmanager;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(WEBHOOK_PATH, this::webhook);
        server.createContext(ALERTMANAGER_PATH, this::alertmanager);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The deliveries received since the last call. */
    List<Delivery> drain() {
        List<Delivery> drained = new ArrayList<>();
        Delivery delivery;
        while ((delivery = received.poll()) != null) {
            drained.add(delivery);
        }
        return drained;
    }

    private void webhook(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        for (JsonNode alert : JSON.readTree(body).get("alerts")) {
            received.add(Delivery.fromAlertJson(alert, arrived));
        }
        answer(exchange, 200);
    }

    private void alertmanager(HttpExchange exchange) throws IOException {
        long arrived = System.currentTimeMillis();
        byte[] body = exchange.getRequestBody().readAllBytes();
        for (JsonNode alert : JSON.readTree(body)) {
            received.add(new Delivery(
                    alert.at("/annotations/alert_id").asText(),
                    Instant.parse(alert.get("startsAt").asText()).toEpochMilli(),
                    Delivery.NONE,
                    arrived));
        }
        int status = 200;
        if (alertmanager != null) {
            try {
                status = http.send(
                                HttpRequest.newBuilder(alertmanager.resolve(ALERTMANAGER_PATH))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = 503;
            }
        }
        answer(exchange, status);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
