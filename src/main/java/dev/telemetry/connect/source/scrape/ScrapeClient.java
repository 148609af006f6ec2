package dev.telemetry.connect.source.scrape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * GETs one target's exposition: asks for OpenMetrics or the text format, sends its bearer token, trusts its trust
 * store, refuses a body over the size limit (by Content-Length before reading, or as soon as the bytes read pass it),
 * and gives up when the whole exchange, body included, outlasts the scrape timeout.
 *
 * <p>The bundle's shared HTTP transport POSTs JSON with retries and the JVM's trust store; a scrape is a single GET
 * with a per-target trust store and a size cap, so it has its own small client.
 */
public final class ScrapeClient {

    /** A body and the Content-Type it came with. */
    public record Body(byte[] bytes, String contentType) {}

    /** Why a scrape gave no body: becomes the record's scrape_error. */
    public static final class ScrapeFailedException extends Exception {
        public ScrapeFailedException(String message) {
            super(message);
        }
    }

    private final ScrapeTarget target;
    private final int maxBytes;
    private final HttpClient client;

    public ScrapeClient(ScrapeTarget target, int maxBytes) {
        this.target = target;
        this.maxBytes = maxBytes;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(target.timeoutMs()))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (target.truststorePath() != null && !target.truststorePath().isBlank()) {
            builder.sslContext(sslContext(target));
        }
        this.client = builder.build();
    }

    public Body fetch() throws ScrapeFailedException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(Duration.ofMillis(target.timeoutMs()))
                .header("Accept", ExpositionFormat.ACCEPT)
                .header("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(target.timeoutMs() / 1000.0))
                .GET();
        if (target.bearerToken() != null
                && target.bearerToken().value() != null
                && !target.bearerToken().value().isEmpty()) {
            request.header("Authorization", "Bearer " + target.bearerToken().value());
        }
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(
                request.build(),
                info -> new LimitedBody(
                        maxBytes,
                        info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(target.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new ScrapeFailedException("scrape timed out after " + target.timeoutMs() + " ms");
        } catch (ExecutionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof BodyTooLargeException) {
                    throw new ScrapeFailedException(cause.getMessage());
                }
            }
            throw new ScrapeFailedException("GET " + origin(target.url()) + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            throw new ScrapeFailedException("HTTP " + response.statusCode() + " from " + origin(target.url()));
        }
        return new Body(
                response.body(), response.headers().firstValue("Content-Type").orElse(null));
    }

    /** {@code scheme://host:port}: a path or query may hold a secret, so messages show only this much. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static SSLContext sslContext(ScrapeTarget target) {
        try (InputStream in = Files.newInputStream(Path.of(target.truststorePath()))) {
            KeyStore store = KeyStore.getInstance(target.truststoreType());
            char[] password = target.truststorePassword() == null
                            || target.truststorePassword().value() == null
                    ? null
                    : target.truststorePassword().value().toCharArray();
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("Cannot load the trust store of target '" + target.name() + "': " + e);
        }
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long max) {
            super("body larger than scrape.max.bytes (" + max + " bytes) refused");
        }
    }

    /** Collects a body up to {@code max} bytes and fails, cancelling the download, past that. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final long declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        LimitedBody(int max, long declaredLength) {
            this.max = max;
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredLength > max) {
                subscription.cancel();
                result.completeExceptionally(new BodyTooLargeException(max));
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException(max));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
