package dev.telemetry.connect.testkit;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets the operator's allow-lists ({@code telemetry.allowed.*}) as JVM system properties for the length of a block, as
 * an operator would with {@code -D} on the worker, and restores what was there before.
 */
public final class OperatorSettings implements AutoCloseable {

    private final Map<String, String> previous = new HashMap<>();

    private OperatorSettings() {}

    /** {@code propertiesAndValues} is pairs: a property, then its value. */
    public static OperatorSettings set(String... propertiesAndValues) {
        OperatorSettings settings = new OperatorSettings();
        for (int i = 0; i < propertiesAndValues.length; i += 2) {
            settings.previous.put(propertiesAndValues[i], System.getProperty(propertiesAndValues[i]));
            System.setProperty(propertiesAndValues[i], propertiesAndValues[i + 1]);
        }
        return settings;
    }

    @Override
    public void close() {
        previous.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }
}
