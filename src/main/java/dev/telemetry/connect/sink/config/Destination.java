package dev.telemetry.connect.sink.config;

import dev.telemetry.connect.common.http.HttpPeerKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where one connector delivers its alerts; a team runs one connector per destination. */
public enum Destination {
    FILE,
    WEBHOOK,
    SLACK,
    ALERTMANAGER;

    public static final List<String> NAMES =
            Arrays.stream(values()).map(Destination::configName).collect(Collectors.toUnmodifiableList());

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The key a user fixes when this destination refuses every request with {@code status}: the credential for 401, 403
     * and 407 where there is one, the URL otherwise (404, 410, a redirect, a method or media type it does not serve).
     */
    public String keyToFix(int status) {
        return switch (this) {
            case FILE -> AlertSinkConfig.FILE_PATH_CONFIG;
            case WEBHOOK ->
                isCredentialRefusal(status)
                        ? AlertSinkConfig.WEBHOOK_AUTH_TOKEN_CONFIG + " or " + BASIC_AUTH + " (or "
                                + AlertSinkConfig.WEBHOOK_HEADERS_CONFIG + ")"
                        : AlertSinkConfig.WEBHOOK_URL_CONFIG;
            case SLACK -> AlertSinkConfig.SLACK_WEBHOOK_URL_CONFIG;
            case ALERTMANAGER -> isCredentialRefusal(status) ? BASIC_AUTH : AlertSinkConfig.ALERTMANAGER_URLS_CONFIG;
        };
    }

    private static final String BASIC_AUTH =
            HttpPeerKeys.BASIC_AUTH_USER.name() + "/" + HttpPeerKeys.BASIC_AUTH_PASSWORD.name();

    private static boolean isCredentialRefusal(int status) {
        return status == 401 || status == 403 || status == 407;
    }

    public static Destination parse(String text) {
        for (Destination d : values()) {
            if (d.configName().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown destination '" + text + "'; expected one of " + NAMES);
    }
}
