package dev.telemetry.connect.source.scrape;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;

/**
 * One named target with its effective settings: per-target keys ({@code targets.<name>.*}) where given, else the
 * connector-wide ones.
 *
 * @param source the record key and {@code stream} field, e.g. {@code api_usage}
 * @param bearerToken sent as {@code Authorization: Bearer}; null for none
 * @param truststorePath PKCS12 or JKS trust store for https; null for the JVM's default trust store
 */
public record ScrapeTarget(
        String name,
        URI url,
        String source,
        Map<String, String> labels,
        long intervalMs,
        long timeoutMs,
        Password bearerToken,
        String truststorePath,
        Password truststorePassword,
        String truststoreType) {}
