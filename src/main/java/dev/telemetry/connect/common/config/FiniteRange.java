package dev.telemetry.connect.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A range for a DOUBLE key that also refuses NaN and the infinities, which Kafka's {@link ConfigDef.Range} lets
 * through (every comparison with NaN is false). The message names the key.
 */
public final class FiniteRange implements ConfigDef.Validator {

    private final double min;
    private final double max;

    private FiniteRange(double min, double max) {
        this.min = min;
        this.max = max;
    }

    /** A finite number from {@code min} to {@code max}, both included. */
    public static FiniteRange between(double min, double max) {
        return new FiniteRange(min, max);
    }

    /** A finite number of at least {@code min}. */
    public static FiniteRange atLeast(double min) {
        return new FiniteRange(min, Double.MAX_VALUE);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            throw new ConfigException(name, null, name + " needs a number");
        }
        double number = ((Number) value).doubleValue();
        if (!Double.isFinite(number)) {
            throw new ConfigException(name, value, name + " must be a finite number, not " + value);
        }
        if (number < min || number > max) {
            throw new ConfigException(name, value, name + " must be " + this);
        }
    }

    @Override
    public String toString() {
        return max == Double.MAX_VALUE
                ? "a finite number of at least " + min
                : "a finite number in [" + min + ", " + max + "]";
    }
}
