package dev.telemetry.connect.common.http;

import org.apache.kafka.common.config.types.Password;

/**
 * Where a client's TLS trust and identity come from: a trust store (null: the JVM's default trust store) and an
 * optional key store with a client certificate for mutual TLS (null: none).
 */
public record TlsStores(
        String truststorePath,
        Password truststorePassword,
        String truststoreType,
        String keystorePath,
        Password keystorePassword,
        String keystoreType) {

    /** The JVM's trust store and no client certificate. */
    public static final TlsStores DEFAULT = new TlsStores(null, null, "PKCS12", null, null, "PKCS12");

    public boolean hasTruststore() {
        return truststorePath != null && !truststorePath.isBlank();
    }

    public boolean hasKeystore() {
        return keystorePath != null && !keystorePath.isBlank();
    }
}
