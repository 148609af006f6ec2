package dev.telemetry.connect.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port that records every request and answers as a script says: a status,
 * a hang past the client's timeout, or a dropped connection. Webhook and Alertmanager tests deliver to it.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** What the server does with one request. */
    public sealed interface Reply permits Status, Hang, Drop, StallBody, StreamBody {}

    /** Answer with this status, body and headers. */
    public record Status(int code, String body, Map<String, String> headers) implements Reply {
        public Status(int code) {
            this(code, "", Map.of());
        }
    }

    /** Say nothing for this long, then close. */
    public record Hang(long millis) implements Reply {}

    /** Close the connection without an answer. */
    public record Drop() implements Reply {}

    /** Answer 200 with headers promising a body, send part of it, then say nothing for this long. */
    public record StallBody(long millis) implements Reply {}

    /**
     * Answer with this status and a body of this many bytes, generated while it is sent (never held in memory), until
     * the client stops reading.
     */
    public record StreamBody(int code, long bytes) implements Reply {}

    /** One request as it arrived. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Exchange> exchanges = new ArrayList<>();
    private volatile Function<Request, Reply> script;
    private final AtomicLong bytesStreamed = new AtomicLong();

    public ScriptedHttpServer(Function<Request, Reply> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void script(Function<Request, Reply> newScript) {
        this.script = newScript;
    }

    /** A request and what the script answered. */
    public record Exchange(Request request, Reply reply) {
        public boolean answeredOk() {
            return reply instanceof Status status && status.code() >= 200 && status.code() < 300;
        }
    }

    public synchronized List<Request> requests() {
        return exchanges.stream().map(Exchange::request).toList();
    }

    /** The requests after the first {@code seen}: for a caller that polls while thousands arrive. */
    public synchronized List<Request> requestsAfter(int seen) {
        return exchanges.subList(Math.min(seen, exchanges.size()), exchanges.size()).stream()
                .map(Exchange::request)
                .toList();
    }

    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Body bytes the server managed to send for {@link StreamBody} replies. */
    public long bytesStreamed() {
        return bytesStreamed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body);
        Reply reply = script.apply(request);
        synchronized (this) {
            exchanges.add(new Exchange(request, reply));
        }
        if (reply instanceof Status status) {
            byte[] bytes = status.body().getBytes(StandardCharsets.UTF_8);
            status.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(status.code(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        } else if (reply instanceof StallBody stall) {
            exchange.sendResponseHeaders(200, 1_000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            pause(stall.millis());
            exchange.close();
        } else if (reply instanceof StreamBody stream) {
            stream(exchange, stream);
        } else if (reply instanceof Hang hang) {
            pause(hang.millis());
            exchange.close();
        } else {
            // Closing before any response header is sent drops the connection.
            exchange.close();
        }
    }

    private void stream(HttpExchange exchange, StreamBody stream) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        try {
            exchange.sendResponseHeaders(stream.code(), stream.bytes());
            OutputStream out = exchange.getResponseBody();
            for (long left = stream.bytes(); left > 0; ) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n);
                bytesStreamed.addAndGet(n);
                left -= n;
            }
            out.close();
        } catch (IOException clientStoppedReading) {
            // The client closed the connection: what this reply is for.
        } finally {
            exchange.close();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
