package dev.telemetry.connect.common.http;

import java.net.URI;

/** What of a URL may appear in messages and logs. */
public final class HttpOrigin {

    private HttpOrigin() {}

    /** {@code scheme://host:port} of a URL, without the path, query or credentials that may hold secrets. */
    public static String of(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
