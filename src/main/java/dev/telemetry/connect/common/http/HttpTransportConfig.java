package dev.telemetry.connect.common.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The HTTP keys every plugin that speaks HTTP shares ({@code http.connect.timeout.ms}, {@code http.request.timeout.ms})
 * and the one factory that builds an {@link HttpTransport} from them.
 */
public final class HttpTransportConfig {

    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "http.request.timeout.ms";

    private HttpTransportConfig() {}

    /** Defines the HTTP keys in {@code group}; {@code recommender} (may be null) decides when they are shown. */
    public static ConfigDef define(ConfigDef def, String group, ConfigDef.Recommender recommender) {
        int order = 0;
        def.define(
                CONNECT_TIMEOUT_MS,
                Type.LONG,
                5_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Timeout for opening an HTTP connection.",
                group,
                ++order,
                Width.SHORT,
                "Connect timeout (ms)",
                recommender);
        def.define(
                REQUEST_TIMEOUT_MS,
                Type.LONG,
                10_000L,
                ConfigDef.Range.atLeast(1),
                Importance.LOW,
                "Timeout for one HTTP request, from sending to the end of the response headers.",
                group,
                ++order,
                Width.SHORT,
                "Request timeout (ms)",
                recommender);
        return def;
    }

    /**
     * The transport for a config that {@link #define}d the HTTP keys, trusting and showing the given TLS stores and
     * sending {@code authorization} with every request.
     *
     * @throws SslContexts.StoreException when a store cannot be used
     */
    public static HttpTransport transport(AbstractConfig config, TlsStores tls, Optional<String> authorization)
            throws SslContexts.StoreException {
        return new HttpTransport(
                Duration.ofMillis(config.getLong(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getLong(REQUEST_TIMEOUT_MS)),
                Clock.systemUTC(),
                SslContexts.create(tls),
                authorization);
    }
}
