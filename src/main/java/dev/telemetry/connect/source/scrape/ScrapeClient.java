package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.access.NetworkAllowList;
import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.http.BoundedBody;
import dev.telemetry.connect.common.http.HttpOrigin;
import dev.telemetry.connect.common.http.SslContexts;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.ConfigException;

/**
 * GETs one target's exposition: asks for OpenMetrics or the text format, sends its bearer token or basic credentials,
 * trusts its trust store and shows its client certificate, refuses a body over the size limit (by Content-Length before reading, or as soon as the bytes read pass it),
 * and gives up when the whole exchange, body and redirects included, outlasts the scrape timeout. Redirects are
 * followed only within the target's origin (scheme, host and port): the token is never sent elsewhere.
 *
 * <p>The bundle's shared HTTP transport POSTs JSON with retries and the JVM's trust store; a scrape is a single GET
 * with per-target TLS stores and a size cap, so it has its own small client, sharing the transport's bounded body
 * reader, URL origin, TLS context factory and Authorization header.
 */
final class ScrapeClient {

    /** A body and the Content-Type it came with. */
    public record Body(byte[] bytes, String contentType) {}

    /** Why a scrape gave no body: becomes the record's scrape_error. */
    public static final class ScrapeFailedException extends Exception {
        private final ScrapeFailure.Reason reason;

        public ScrapeFailedException(ScrapeFailure.Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        ScrapeFailure failure() {
            return ScrapeFailure.of(reason, getMessage());
        }
    }

    /** Redirects followed at most in one scrape, as Prometheus's HTTP client (Go's default). */
    static final int MAX_REDIRECTS = 10;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final ScrapeTarget target;
    private final int maxBytes;
    private final HttpClient client;
    private final NetworkAllowList networks = OperatorPolicy.ofWorker().networks();

    public ScrapeClient(ScrapeTarget target, int maxBytes) {
        this.target = target;
        this.maxBytes = maxBytes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(target.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER);
        try {
            SslContexts.create(target.tls()).ifPresent(builder::sslContext);
        } catch (SslContexts.StoreException e) {
            throw new ConfigException("Target '" + target.name() + "': " + e.getMessage());
        }
        this.client = builder.build();
    }

    public Body fetch() throws ScrapeFailedException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(target.timeoutMs());
        URI url = target.url();
        for (int redirects = 0; ; redirects++) {
            HttpResponse<BoundedBody.Content> response = exchange(url, deadline);
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return body(response);
            }
            if (redirects == MAX_REDIRECTS) {
                throw new ScrapeFailedException(
                        ScrapeFailure.Reason.REDIRECT,
                        "more than " + MAX_REDIRECTS + " redirects from " + HttpOrigin.of(url));
            }
            url = redirectTarget(url, response);
        }
    }

    private HttpResponse<BoundedBody.Content> exchange(URI url, long deadline)
            throws ScrapeFailedException, InterruptedException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw timedOut();
        }
        // Every hop is checked, redirects included: a name can come to resolve to an address the operator refuses.
        Optional<String> refusal = networks.hostRefusal(url.getHost());
        if (refusal.isPresent()) {
            throw new ScrapeFailedException(
                    ScrapeFailure.Reason.NOT_ALLOWED, "GET " + HttpOrigin.of(url) + " refused: " + refusal.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofMillis(left))
                .header("Accept", ExpositionFormat.ACCEPT)
                .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(target.timeoutMs() / 1000.0))
                .GET();
        target.authorization().ifPresent(value -> request.header("Authorization", value));
        CompletableFuture<HttpResponse<BoundedBody.Content>> exchange =
                client.sendAsync(request.build(), BoundedBody.refusingDeclaredOverLimit(maxBytes));
        try {
            return exchange.get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut();
        } catch (ExecutionException e) {
            // The request's own timeout and the wait for it are the same length: whichever expires first, it is the
            // scrape timeout, and says so in the same words.
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut();
            }
            throw new ScrapeFailedException(
                    reasonOf(e.getCause()), "GET " + HttpOrigin.of(url) + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    private ScrapeFailedException timedOut() {
        return new ScrapeFailedException(
                ScrapeFailure.Reason.TIMEOUT, "scrape timed out after " + target.timeoutMs() + " ms");
    }

    /**
     * Where a redirect points, resolved against the URL that answered it; only within the target's own origin, so the
     * token and the scrape never go to a host, port or scheme that was not configured.
     */
    private URI redirectTarget(URI from, HttpResponse<BoundedBody.Content> response) throws ScrapeFailedException {
        String location = response.headers().firstValue("Location").orElse(null);
        URI next;
        try {
            next = location == null ? null : from.resolve(location.trim());
        } catch (IllegalArgumentException malformed) {
            next = null;
        }
        if (next == null) {
            throw new ScrapeFailedException(
                    ScrapeFailure.Reason.REDIRECT,
                    "HTTP " + response.statusCode() + " from " + HttpOrigin.of(from) + " without a valid Location");
        }
        if (!HttpOrigin.same(target.url(), next)) {
            throw new ScrapeFailedException(
                    ScrapeFailure.Reason.REDIRECT,
                    "HTTP " + response.statusCode() + " from " + HttpOrigin.of(from)
                            + " redirects to another origin, " + HttpOrigin.of(next)
                            + ", which is not followed; configure that URL as the target's url");
        }
        return next;
    }

    private Body body(HttpResponse<BoundedBody.Content> response) throws ScrapeFailedException {
        if (response.body().longer()) {
            throw new ScrapeFailedException(
                    ScrapeFailure.Reason.BODY_TOO_LARGE,
                    "body larger than scrape.max.bytes (" + maxBytes + " bytes) refused");
        }
        if (response.statusCode() != 200) {
            throw new ScrapeFailedException(
                    ScrapeFailure.Reason.HTTP_STATUS,
                    "HTTP " + response.statusCode() + " from " + HttpOrigin.of(response.uri()));
        }
        return new Body(
                response.body().bytes(),
                response.headers().firstValue("Content-Type").orElse(null));
    }

    /**
     * The HTTP client's own timeouts (connecting, or the request's) are the scrape timeout too: both are set to what
     * is left of it.
     */
    private static ScrapeFailure.Reason reasonOf(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return ScrapeFailure.Reason.TIMEOUT;
        }
        if (cause instanceof ConnectException) {
            return ScrapeFailure.Reason.CONNECT_FAILED;
        }
        return ScrapeFailure.Reason.CONNECTION;
    }
}
