package dev.telemetry.connect.sink.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.telemetry.connect.sink.retry.TransientDeliveryException;

/**
 * The one HTTP client of the sink: POSTs JSON and sorts every outcome into accepted, refused for good, or transient
 * (network errors, timeouts, 429 and 5xx, with the destination's {@code Retry-After}). Redirects are not followed, so
 * alerts never go to a host that was not configured; TLS uses the JVM's trust store and verifies host names.
 */
public final class HttpTransport {

    private static final int BODY_EXCERPT = 300;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    public HttpTransport(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    /**
     * POSTs a JSON body.
     *
     * @param headers extra headers; their values never appear in exceptions or logs, since one may carry a token
     */
    public HttpOutcome postJson(URI uri, byte[] body, Map<String, String> headers)
            throws TransientDeliveryException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientDeliveryException("POST " + uri + " failed: " + e, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return HttpOutcome.accepted(status);
        }
        String reason = "HTTP " + status + " from POST " + uri + excerpt(response.body());
        if (status == 429 || status >= 500) {
            Duration retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
            throw new TransientDeliveryException(reason, null, retryAfter);
        }
        if (status >= 300 && status < 400) {
            return HttpOutcome.refused(status, reason + " (redirects are not followed; configure the final URL, "
                    + "Location: " + response.headers().firstValue("Location").orElse("none") + ")");
        }
        return HttpOutcome.refused(status, reason);
    }

    /** A Retry-After value in seconds or as an HTTP date; {@code null} when it is neither. */
    Duration retryAfter(String value) {
        String text = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() <= BODY_EXCERPT ? flat : flat.substring(0, BODY_EXCERPT) + "…");
    }
}
