package dev.telemetry.connect.testkit;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTPS server on loopback that answers every request on every path: 200 with {@code body}, or 401 when it
 * requires basic credentials and the request lacks the expected {@code Authorization} header. It may require a client
 * certificate signed by the test CA. Records the requests it answered with 200.
 */
public final class HttpsReceiver implements AutoCloseable {

    /** One request the receiver accepted. */
    public record Request(String method, String path, String body) {}

    private final HttpsServer server;
    private final List<Request> accepted = new CopyOnWriteArrayList<>();

    /**
     * @param requiredAuthorization the exact Authorization header value required; null for none
     */
    public HttpsReceiver(SSLContext tls, boolean requireClientCert, String requiredAuthorization, String body)
            throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(requireClientCert);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            String sent = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] reply;
            int status;
            String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (requiredAuthorization != null && !requiredAuthorization.equals(sent)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                status = 401;
                reply = new byte[0];
            } else {
                accepted.add(new Request(
                        exchange.getRequestMethod(), exchange.getRequestURI().getPath(), received));
                status = 200;
                reply = body.getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    /** {@code https://<host>:<port><path>}, with {@code host} "localhost", "127.0.0.1" or a name it does not have. */
    public URI uri(String host, String path) {
        return URI.create("https://" + host + ":" + server.getAddress().getPort() + path);
    }

    public List<Request> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
