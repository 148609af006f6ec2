package dev.telemetry.connect.sink.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Extra HTTP headers as comma-separated {@code Name: value} entries in a password key, refusing the headers the connector or the JDK sets itself and
 * values the JDK's HttpClient would refuse when sending (control characters, characters beyond Latin-1).
 */
final class HeaderListValidator implements ConfigDef.Validator {

    /** Headers the JDK HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "authorization",
            "content-type",
            "idempotency-key");

    private static final URI PROBE = URI.create("http://localhost/");
    /** Shown instead of an entry in errors: a header value may be a credential. */
    private static final String HIDDEN = "[hidden]";

    /** The entries of a headers value, split on commas as a LIST key would be; none for an empty or absent value. */
    static List<String> entries(Password value) {
        if (value == null || value.value() == null || value.value().isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.value().split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        for (String text : entries((Password) value)) {
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(name, HIDDEN, "a header must be written 'Name: value'");
            }
            String headerName = text.substring(0, colon).trim();
            if (!headerName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ConfigException(name, HIDDEN, "'" + headerName + "' is not a valid header name");
            }
            if (RESTRICTED_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(
                        name,
                        HIDDEN,
                        "header '" + headerName
                                + "' is set by the connector itself (Authorization comes from webhook.auth.token)");
            }
            String headerValue = text.substring(colon + 1).trim();
            try {
                // The very check the JDK's HttpClient applies when the sender builds its requests.
                HttpRequest.newBuilder(PROBE).header(headerName, headerValue);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        name,
                        HIDDEN,
                        "the value of header '" + headerName
                                + "' is refused by Java's HTTP client: use visible ASCII or "
                                + "Latin-1 characters, spaces and tabs only");
            }
        }
    }

    @Override
    public String toString() {
        return "a list of 'Name: value' headers";
    }
}
