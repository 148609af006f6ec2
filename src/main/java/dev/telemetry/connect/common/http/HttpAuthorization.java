package dev.telemetry.connect.common.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * The value of the {@code Authorization} header the bundle's HTTP clients send: a bearer token or HTTP basic
 * credentials (RFC 7617, UTF-8), built once here. The value is a secret: callers never log it.
 */
public final class HttpAuthorization {

    private HttpAuthorization() {}

    /** {@code Bearer <token>}, or empty when no token is set. */
    public static Optional<String> bearer(Password token) {
        return HttpPeerKeys.isSet(token) ? Optional.of("Bearer " + token.value()) : Optional.empty();
    }

    /** {@code Basic base64(user:password)}, or empty when no user is set. */
    public static Optional<String> basic(String user, Password password) {
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        String credentials = user + ":" + (password == null || password.value() == null ? "" : password.value());
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** The bearer token if one is set, else the basic credentials if a user is set, else empty. */
    public static Optional<String> of(Password bearerToken, String basicUser, Password basicPassword) {
        return bearer(bearerToken).or(() -> basic(basicUser, basicPassword));
    }
}
