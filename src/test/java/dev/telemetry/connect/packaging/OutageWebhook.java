package dev.telemetry.connect.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on a fixed loopback port that can go down (the port refuses connections) and come back on the
 * same port. It answers every request 200 and keeps the alerts of every request it answered, in arrival order.
 */
final class OutageWebhook implements AutoCloseable {

    static final String PATH = "/hooks/alerts";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<JsonNode> accepted = new ArrayList<>();
    private final Set<String> authorizations = new TreeSet<>();
    private final int port;
    private HttpServer server;
    private int requests;

    OutageWebhook() throws IOException {
        server = bind(0);
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + PATH;
    }

    synchronized void goDown() {
        server.stop(0);
        server = null;
    }

    /** Binds the same port again; retried for a while in case the kernel still holds it. */
    synchronized void comeBack() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server == null) {
            try {
                server = bind(port);
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Every alert of every request answered 200, repeats included. */
    synchronized List<JsonNode> acceptedAlerts() {
        return List.copyOf(accepted);
    }

    synchronized int requests() {
        return requests;
    }

    /** Every distinct Authorization header the requests carried ("none" for a request without one). */
    synchronized Set<String> authorizations() {
        return Set.copyOf(authorizations);
    }

    private HttpServer bind(int onPort) throws IOException {
        HttpServer bound = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
        bound.createContext(PATH, this::handle);
        bound.setExecutor(executor);
        bound.start();
        return bound;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            synchronized (this) {
                requests++;
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                authorizations.add(authorization == null ? "none" : authorization);
                body.path("alerts").forEach(accepted::add);
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
