package dev.telemetry.connect.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * An absolute http or https URL with a host and no credentials in it. An empty value passes (whether the key is
 * required depends on other keys and is checked there); an empty entry of a list does not. Three forms: one URL ({@link #url()}), a URL that is itself a secret
 * and never echoed in an error ({@link #secretUrl()}, for a PASSWORD key), and a list of URLs ({@link #urlList()}).
 */
public final class HttpUrlValidator implements ConfigDef.Validator {

    private enum Form {
        URL,
        SECRET,
        LIST
    }

    private final Form form;

    private HttpUrlValidator(Form form) {
        this.form = form;
    }

    public static HttpUrlValidator url() {
        return new HttpUrlValidator(Form.URL);
    }

    public static HttpUrlValidator secretUrl() {
        return new HttpUrlValidator(Form.SECRET);
    }

    public static HttpUrlValidator urlList() {
        return new HttpUrlValidator(Form.LIST);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        switch (form) {
            case URL -> {
                if (!((String) value).isBlank()) {
                    check(name, (String) value, value);
                }
            }
            case SECRET -> {
                String url = ((Password) value).value();
                String error = url.isBlank() ? null : problemWith(url);
                if (error != null) {
                    throw new ConfigException(name, "[hidden]", error.replace(url, "[hidden]"));
                }
            }
            case LIST -> {
                for (Object url : (List<?>) value) {
                    check(name, (String) url, url);
                }
            }
        }
    }

    private static void check(String name, String url, Object shown) {
        String error = problemWith(url);
        if (error != null) {
            throw new ConfigException(name, shown, error);
        }
    }

    /** Why {@code text} is not an acceptable http(s) URL, or {@code null} when it is. */
    public static String problemWith(String text) {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "'" + text + "' must be an http:// or https:// URL";
            }
            if (uri.getHost() == null) {
                return "'" + text + "' has no host";
            }
            if (uri.getUserInfo() != null) {
                return "'" + text + "' must not carry credentials in the URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "'" + text + "' is not a valid URL: " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return switch (form) {
            case URL -> "an http:// or https:// URL";
            case SECRET -> "an http:// or https:// URL (secret)";
            case LIST -> "a list of http:// or https:// URLs";
        };
    }
}
