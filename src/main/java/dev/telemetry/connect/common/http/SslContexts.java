package dev.telemetry.connect.common.http;

import dev.telemetry.connect.common.access.OperatorPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.types.Password;

/**
 * The one SSLContext factory of the bundle's HTTP clients: trust from a trust store, identity from a key store. Host
 * name verification is not this context's business: the JDK's HTTP client always verifies the peer's name against the
 * URL's host, and nothing in the bundle turns that off. Messages name the store's path, never a password.
 */
public final class SslContexts {

    private SslContexts() {}

    /** Why a store cannot be used, for validation and for start: the caller attaches it to that store's keys. */
    public static final class StoreException extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean keystore;

        StoreException(String message, boolean keystore) {
            super(message);
            this.keystore = keystore;
        }

        /** Whether the key store (else the trust store) is the one that cannot be used. */
        public boolean keystore() {
            return keystore;
        }
    }

    /**
     * The context for {@code stores}, or empty when they name neither store: the caller then keeps the JVM's default
     * context. Each store is checked against the operator's read policy first.
     */
    public static Optional<SSLContext> create(TlsStores stores) throws StoreException {
        if (!stores.hasTruststore() && !stores.hasKeystore()) {
            return Optional.empty();
        }
        TrustManager[] trust = null;
        KeyManager[] keys = null;
        if (stores.hasTruststore()) {
            try {
                KeyStore store =
                        load(false, stores.truststorePath(), stores.truststoreType(), stores.truststorePassword());
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                trust = factory.getTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new StoreException("Cannot use the trust store: " + e.getMessage(), false);
            }
        }
        if (stores.hasKeystore()) {
            try {
                KeyStore store = load(true, stores.keystorePath(), stores.keystoreType(), stores.keystorePassword());
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, chars(stores.keystorePassword()));
                keys = factory.getKeyManagers();
            } catch (GeneralSecurityException e) {
                throw new StoreException("Cannot use the key store: " + e.getMessage(), true);
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new StoreException("Cannot set up TLS with the stores: " + e.getMessage(), stores.hasKeystore());
        }
    }

    /**
     * Why a store cannot be read, or null: it must be a regular file (a FIFO would hang the task's start) in a
     * directory the worker's operator lets the bundle read, checked before anything about it is looked at, so that
     * the answer tells nothing of places the operator refuses.
     */
    public static String storeProblem(String what, Path store) {
        Optional<String> refusal = OperatorPolicy.ofWorker().readPaths().refusal(store);
        if (refusal.isPresent()) {
            return "Cannot use the " + what + ": " + refusal.get();
        }
        if (!Files.isRegularFile(store) || !Files.isReadable(store)) {
            return "Cannot read the " + what + " '" + store + "': not a readable regular file";
        }
        return null;
    }

    private static KeyStore load(boolean keystore, String path, String type, Password password)
            throws StoreException, GeneralSecurityException {
        String what = keystore ? "key store" : "trust store";
        Path file = Path.of(path.trim());
        String problem = storeProblem(what, file);
        if (problem != null) {
            throw new StoreException(problem, keystore);
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            // A wrong password shows as an IOException whose message names no secret.
            throw new StoreException("Cannot load the " + what + " '" + file + "': " + e.getMessage(), keystore);
        }
    }

    private static char[] chars(Password password) {
        return HttpPeerKeys.isSet(password) ? password.value().toCharArray() : null;
    }
}
