package dev.telemetry.connect.source.generator;

import java.util.Locale;

/** The steps of a user's shopping session, in the order a session usually takes them. */
public enum UserEventType {
    USER_REGISTRATION,
    USER_LOGIN,
    PRODUCT_VIEW,
    ADD_TO_CART,
    PURCHASE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
