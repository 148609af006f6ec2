package dev.telemetry.connect.common.http;

import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.common.config.ValuesRecommender;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The keys with which every plugin that calls an HTTP peer (the alert sink's destination, the scrape source's targets)
 * trusts it, shows it a client certificate and logs in to it: one name for each idea across the bundle. The scrape
 * source also takes each of them per target, as {@code targets.<name>.<key>}.
 */
public final class HttpPeerKeys {

    static final List<String> STORE_TYPES = List.of("PKCS12", "JKS");

    public static final SharedKey TRUSTSTORE_PATH = new SharedKey(
            "tls.truststore.path",
            Type.STRING,
            null,
            null,
            Importance.LOW,
            "Trust store (PKCS12 or JKS) with the CA certificates that https peers are verified against; unset: the "
                    + "JVM's default trust store. Host names are always verified. The file must be in a directory the "
                    + "worker's operator lets the bundle read.",
            Width.LONG,
            "Trust store path",
            null);

    public static final SharedKey TRUSTSTORE_PASSWORD = new SharedKey(
            "tls.truststore.password",
            Type.PASSWORD,
            null,
            null,
            Importance.LOW,
            "Password of the trust store.",
            Width.MEDIUM,
            "Trust store password",
            null);

    public static final SharedKey TRUSTSTORE_TYPE = new SharedKey(
            "tls.truststore.type",
            Type.STRING,
            "PKCS12",
            ConfigDef.ValidString.in(STORE_TYPES.toArray(new String[0])),
            Importance.LOW,
            "Format of the trust store files.",
            Width.SHORT,
            "Trust store type",
            new ValuesRecommender(STORE_TYPES));

    public static final SharedKey KEYSTORE_PATH = new SharedKey(
            "tls.keystore.path",
            Type.STRING,
            null,
            null,
            Importance.LOW,
            "Key store (PKCS12 or JKS) with the client certificate and its private key shown to https peers that "
                    + "require one (mutual TLS); unset: none. The key's password is the key store's. The file must be "
                    + "in a directory the worker's operator lets the bundle read.",
            Width.LONG,
            "Key store path",
            null);

    public static final SharedKey KEYSTORE_PASSWORD = new SharedKey(
            "tls.keystore.password",
            Type.PASSWORD,
            null,
            null,
            Importance.LOW,
            "Password of the key store and of the private key in it.",
            Width.MEDIUM,
            "Key store password",
            null);

    public static final SharedKey KEYSTORE_TYPE = new SharedKey(
            "tls.keystore.type",
            Type.STRING,
            "PKCS12",
            ConfigDef.ValidString.in(STORE_TYPES.toArray(new String[0])),
            Importance.LOW,
            "Format of the key store files.",
            Width.SHORT,
            "Key store type",
            new ValuesRecommender(STORE_TYPES));

    public static final SharedKey BASIC_AUTH_USER = new SharedKey(
            "basic.auth.user",
            Type.STRING,
            null,
            HttpPeerKeys::checkUser,
            Importance.MEDIUM,
            "User name sent with basic.auth.password as HTTP basic authentication ('Authorization: Basic'), as "
                    + "Prometheus's basic_auth; unset: none. Use it over https only: basic credentials are not "
                    + "encrypted.",
            Width.MEDIUM,
            "Basic auth user",
            null);

    public static final SharedKey BASIC_AUTH_PASSWORD = new SharedKey(
            "basic.auth.password",
            Type.PASSWORD,
            null,
            null,
            Importance.MEDIUM,
            "Password sent with basic.auth.user as HTTP basic authentication.",
            Width.MEDIUM,
            "Basic auth password",
            null);

    /** The TLS keys, in the order a plugin defines them. */
    public static final List<SharedKey> TLS = List.of(
            TRUSTSTORE_PATH, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE, KEYSTORE_PATH, KEYSTORE_PASSWORD, KEYSTORE_TYPE);

    /** Every key of this class; the password keys among them are the secrets. */
    public static final List<SharedKey> ALL = List.of(
            TRUSTSTORE_PATH,
            TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE,
            KEYSTORE_PATH,
            KEYSTORE_PASSWORD,
            KEYSTORE_TYPE,
            BASIC_AUTH_USER,
            BASIC_AUTH_PASSWORD);

    private HttpPeerKeys() {}

    /** The TLS settings of a config that defined {@link #TLS}. */
    public static TlsStores tlsStores(AbstractConfig config) {
        return new TlsStores(
                config.getString(TRUSTSTORE_PATH.name()),
                config.getPassword(TRUSTSTORE_PASSWORD.name()),
                config.getString(TRUSTSTORE_TYPE.name()),
                config.getString(KEYSTORE_PATH.name()),
                config.getPassword(KEYSTORE_PASSWORD.name()),
                config.getString(KEYSTORE_TYPE.name()));
    }

    /** RFC 7617: the user ends at the first colon, so a user name with one would log in as someone else. */
    private static void checkUser(String name, Object value) {
        if (value instanceof String user && user.indexOf(':') >= 0) {
            throw new ConfigException(name, value, "A basic auth user name cannot contain ':'");
        }
    }

    /** Whether a password key holds a non-empty value. */
    public static boolean isSet(Password password) {
        return password != null && password.value() != null && !password.value().isEmpty();
    }
}
