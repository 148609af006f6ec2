package dev.telemetry.connect.source.scrape;

import dev.telemetry.connect.common.http.HttpAuthorization;
import dev.telemetry.connect.common.http.TlsStores;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * One named target with its effective settings: per-target keys ({@code targets.<name>.*}) where given, else the
 * connector-wide ones.
 *
 * @param source the record key and {@code stream} field, e.g. {@code api_usage}
 * @param bearerToken sent as {@code Authorization: Bearer}; null for none
 * @param tls the trust store (null path: the JVM's) and client certificate (null path: none) for https
 * @param basicAuthUser with {@code basicAuthPassword}, sent as {@code Authorization: Basic} when there is no token;
 *     null for none
 */
public record ScrapeTarget(
        String name,
        URI url,
        String source,
        Map<String, String> labels,
        long intervalMs,
        long timeoutMs,
        Password bearerToken,
        TlsStores tls,
        String basicAuthUser,
        Password basicAuthPassword) {

    /** The Authorization header value this target gets, if any; a secret. */
    public Optional<String> authorization() {
        return HttpAuthorization.of(bearerToken, basicAuthUser, basicAuthPassword);
    }
}
