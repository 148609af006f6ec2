package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.access.NetworkAllowList;
import dev.telemetry.connect.common.http.BoundedBody;
import dev.telemetry.connect.common.http.HttpOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Prometheus {@code http_sd} endpoint: a GET that must answer HTTP 200 with Content-Type {@code application/json}
 * and a list of target groups, as Prometheus requires, within the timeout and {@link ServiceDiscoveryKeys#MAX_LIST_BYTES}.
 * Redirects are not followed, and the host is checked against the operator's networks at each request.
 */
final class HttpTargetGroups implements TargetGroupSource {

    private final URI url;
    private final long refreshIntervalMs;
    private final long timeoutMs;
    private final NetworkAllowList networks;
    private final HttpClient client;

    HttpTargetGroups(URI url, long refreshIntervalMs, long timeoutMs, NetworkAllowList networks) {
        this.url = url;
        this.refreshIntervalMs = refreshIntervalMs;
        this.timeoutMs = timeoutMs;
        this.networks = networks;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMs))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private DiscoveryFailedException timedOut() {
        return new DiscoveryFailedException("GET " + HttpOrigin.of(url) + " timed out after " + timeoutMs + " ms");
    }

    @Override
    public List<TargetGroup> read() throws DiscoveryFailedException, InterruptedException {
        Optional<String> refusal = networks.hostRefusal(url.getHost());
        if (refusal.isPresent()) {
            throw new DiscoveryFailedException("GET " + HttpOrigin.of(url) + " refused: " + refusal.get());
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofMillis(timeoutMs))
                .header("Accept", "application/json")
                .header("X-Prometheus-Refresh-Interval-Seconds", Long.toString(refreshIntervalMs / 1000))
                .GET()
                .build();
        CompletableFuture<HttpResponse<BoundedBody.Content>> exchange =
                client.sendAsync(request, BoundedBody.refusingDeclaredOverLimit(ServiceDiscoveryKeys.MAX_LIST_BYTES));
        HttpResponse<BoundedBody.Content> response;
        try {
            response = exchange.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw timedOut();
        } catch (ExecutionException e) {
            // The request's own timeout and the wait above expire together: whichever wins, one message.
            if (e.getCause() instanceof HttpTimeoutException) {
                throw timedOut();
            }
            throw new DiscoveryFailedException("GET " + HttpOrigin.of(url) + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
        if (response.statusCode() != 200) {
            throw new DiscoveryFailedException("HTTP " + response.statusCode() + " from " + HttpOrigin.of(url));
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new DiscoveryFailedException(
                    HttpOrigin.of(url) + " answered Content-Type '" + contentType + "', not application/json");
        }
        if (response.body().longer()) {
            throw new DiscoveryFailedException(
                    HttpOrigin.of(url) + " answered more than " + ServiceDiscoveryKeys.MAX_LIST_BYTES + " bytes");
        }
        try {
            return TargetGroup.parse(response.body().bytes(), TargetGroup.Syntax.JSON);
        } catch (IllegalArgumentException e) {
            throw new DiscoveryFailedException(HttpOrigin.of(url) + " answered no http_sd list: " + e.getMessage());
        }
    }

    @Override
    public String description() {
        return "http_sd " + HttpOrigin.of(url);
    }

    @Override
    public long refreshIntervalMs() {
        return refreshIntervalMs;
    }
}
