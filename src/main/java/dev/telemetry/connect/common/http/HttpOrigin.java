package dev.telemetry.connect.common.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** What of a URL may appear in messages and logs, and whether two URLs share an origin. */
public final class HttpOrigin {

    private HttpOrigin() {}

    /** {@code scheme://host:port} of a URL, without the path, query or credentials that may hold secrets. */
    public static String of(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The host of a URL's text, or null when the text is no URL with a host (its own validator says so). */
    public static String hostOf(String url) {
        try {
            return new URI(url.trim()).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Whether both URLs have the same scheme, host and port (a missing port being the scheme's default), as browsers
     * compare origins: a credential for one is never sent to the other.
     */
    public static boolean same(URI a, URI b) {
        return a.getScheme() != null
                && a.getHost() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme() == null ? "" : b.getScheme())
                && a.getHost().equalsIgnoreCase(b.getHost() == null ? "" : b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }
}
