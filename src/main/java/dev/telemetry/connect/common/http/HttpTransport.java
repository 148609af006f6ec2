package dev.telemetry.connect.common.http;

import dev.telemetry.connect.common.access.NetworkAllowList;
import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.retry.TransientFailureException;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one HTTP client of the bundle: POSTs JSON and sorts every outcome into accepted, refused for good because of the
 * request's content ({@link #RECORD_REFUSALS}), refused because of the destination ({@link DestinationRefusedException}:
 * credentials, URL, redirects), or transient (network errors, timeouts, 408, 429 and 5xx, with the destination's
 * {@code Retry-After}). Redirects are not
 * followed, so alerts never go to a host that was not configured; TLS uses the configured stores ({@link SslContexts})
 * or the JVM's trust store, and always verifies host names. The {@code Authorization} value, when there is one, goes
 * with every request and never into a message. Messages name only the scheme, host and port of a URL: a Slack webhook's path is itself a secret. Only the
 * first {@value #BODY_READ_LIMIT} bytes of a response body are read, and only an error code from it is quoted.
 */
public final class HttpTransport {

    /**
     * A response body is quoted in a reason (which reaches task traces, logs and dead-letter headers) only when it is
     * one word of at most this many characters of {@link #ERROR_CODE}: an error code such as Slack's {@code
     * invalid_payload}. Free text is never quoted, since a destination may echo what was sent or name internals.
     */
    static final int ERROR_CODE_MAX = 64;

    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.:-]{1," + ERROR_CODE_MAX + "}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[A-Za-z0-9.+-]{1,64}/[A-Za-z0-9.+-]{1,64}");
    /** Bytes of a response body read at most; the rest is never read. */
    static final int BODY_READ_LIMIT = 4096;
    /** Statuses that refuse what was sent (bad request, too large, unprocessable), not the sender: only these are final. */
    public static final Set<Integer> RECORD_REFUSALS = Set.of(400, 413, 422);
    /** Longest Retry-After taken from a destination. */
    public static final Duration RETRY_AFTER_MAX = Duration.ofDays(1);

    private final HttpClient client;
    private final NetworkAllowList networks;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Optional<String> authorization;
    /** Read by the delivery audit on the task's thread after a send; volatile since the client completes elsewhere. */
    private volatile int lastStatus;

    /** A transport with the JVM's TLS defaults and no credentials of its own. */
    public HttpTransport(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this(connectTimeout, requestTimeout, clock, Optional.empty(), Optional.empty());
    }

    /**
     * @param sslContext the TLS context for https; empty: the JVM's default
     * @param authorization the {@code Authorization} header value sent with every request ({@link HttpAuthorization})
     */
    public HttpTransport(
            Duration connectTimeout,
            Duration requestTimeout,
            Clock clock,
            Optional<SSLContext> sslContext,
            Optional<String> authorization) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        sslContext.ifPresent(builder::sslContext);
        this.client = builder.build();
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.authorization = authorization;
        this.networks = OperatorPolicy.ofWorker().networks();
    }

    /**
     * POSTs a JSON body.
     *
     * @param headers extra headers; their values never appear in exceptions or logs, since one may carry a token
     */
    public HttpOutcome postJson(URI uri, byte[] body, Map<String, String> headers)
            throws TransientFailureException, DestinationRefusedException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        authorization.ifPresent(value -> request.header("Authorization", value));
        String target = "POST " + HttpOrigin.of(uri);
        // Checked at every request, not only at validation: a name can come to resolve elsewhere.
        Optional<String> refusal = networks.hostRefusal(uri.getHost());
        if (refusal.isPresent()) {
            throw new DestinationRefusedException(target + " refused: " + refusal.get(), 0);
        }
        HttpResponse<BoundedBody.Content> response = exchange(request.build(), target);
        int status = response.statusCode();
        lastStatus = status;
        if (status >= 200 && status < 300) {
            return HttpOutcome.accepted(status);
        }
        String reason = "HTTP " + status + " from " + target + bodyNote(response);
        if (status == 408 || status == 429 || status >= 500) {
            Duration retryAfter = response.headers()
                    .firstValue("Retry-After")
                    .map(this::retryAfter)
                    .orElse(null);
            throw new TransientFailureException(reason, null, retryAfter);
        }
        if (RECORD_REFUSALS.contains(status)) {
            return HttpOutcome.refused(status, reason);
        }
        if (status >= 300 && status < 400) {
            throw new DestinationRefusedException(
                    reason + " (redirects are not followed; configure the final URL)", status);
        }
        throw new DestinationRefusedException(reason, status);
    }

    /** The HTTP status of the last response; 0 before the first. */
    public int lastStatus() {
        return lastStatus;
    }

    /**
     * Sends and reads the whole response within twice the request timeout: the client's own timeout ends when the
     * headers arrive, and a destination that then stalls in the body must not hang the task.
     */
    private HttpResponse<BoundedBody.Content> exchange(HttpRequest request, String target)
            throws TransientFailureException, InterruptedException {
        CompletableFuture<HttpResponse<BoundedBody.Content>> response =
                client.sendAsync(request, BoundedBody.handler(BODY_READ_LIMIT));
        try {
            return response.get(requestTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new TransientFailureException(
                    target + " timed out after " + requestTimeout.toMillis() * 2 + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SSLHandshakeException) {
                // An untrusted or misnamed certificate, or a client certificate the peer refuses: no retry fixes it.
                throw new DestinationRefusedException(
                        target + " failed the TLS handshake: " + cause.getMessage() + " (check "
                                + HttpPeerKeys.TRUSTSTORE_PATH.name() + ", " + HttpPeerKeys.KEYSTORE_PATH.name()
                                + " and the URL's host name, which the certificate must name)",
                        0);
            }
            throw new TransientFailureException(target + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    /**
     * A Retry-After value in seconds or as an HTTP date, at most {@link #RETRY_AFTER_MAX} (an absurd value must not
     * overflow anything downstream); {@code null} when it is neither.
     */
    Duration retryAfter(String value) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Longer than 9 digits is more than 31 years: the cap either way, and never a long overflow.
            return text.length() > 9 ? RETRY_AFTER_MAX : atMostMax(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(clock.instant(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : atMostMax(wait);
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }

    private static Duration atMostMax(Duration wait) {
        return wait.compareTo(RETRY_AFTER_MAX) > 0 ? RETRY_AFTER_MAX : wait;
    }

    /** The body if it is an error code, else only its size and type. */
    private static String bodyNote(HttpResponse<BoundedBody.Content> response) {
        BoundedBody.Content body = response.body();
        String text = body.text().strip();
        if (text.isEmpty()) {
            return "";
        }
        if (!body.longer() && ERROR_CODE.matcher(text).matches()) {
            return ": " + text;
        }
        String type = response.headers()
                .firstValue("Content-Type")
                .map(value -> value.split(";", 2)[0].strip())
                .filter(MEDIA_TYPE.asMatchPredicate())
                .map(value -> " " + value)
                .orElse("");
        return " (" + (body.longer() ? "over " : "") + body.bytes().length + "-byte" + type + " body not shown)";
    }
}
