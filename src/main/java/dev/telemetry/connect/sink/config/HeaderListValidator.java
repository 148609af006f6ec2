package dev.telemetry.connect.sink.config;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Extra HTTP headers as {@code Name: value} entries, refusing the headers the connector or the JDK sets itself and
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

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        for (Object entry : (List<?>) value) {
            String text = (String) entry;
            int colon = text.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(name, text, "a header must be written 'Name: value'");
            }
            String headerName = text.substring(0, colon).trim();
            if (!headerName.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ConfigException(name, text, "'" + headerName + "' is not a valid header name");
            }
            if (RESTRICTED_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(
                        name,
                        text,
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
                        text,
                        "the value of header '" + headerName + "' is refused by Java's HTTP client (" + e.getMessage()
                                + "): use visible ASCII or Latin-1 characters, spaces and tabs only");
            }
        }
    }

    @Override
    public String toString() {
        return "a list of 'Name: value' headers";
    }
}
