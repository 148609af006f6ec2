package dev.telemetry.connect.testkit;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Multiplies the tries of every jqwik property that sets its own ({@code @Property(tries = n)}) by the system property
 * {@value #FACTOR} (1 unless set): {@code ./mvnw -B test -Dproperty.tries.factor=10} runs each such property ten times
 * as long as the default build does. Registered for every property in
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 */
public final class PropertyTries implements AroundPropertyHook {

    public static final String FACTOR = "property.tries.factor";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int factor = Integer.parseInt(System.getProperty(FACTOR, "1").trim());
        if (factor < 1) {
            throw new IllegalArgumentException(FACTOR + " must be a whole number of at least 1, not " + factor);
        }
        context.attributes().tries().ifPresent(tries -> context.attributes().setTries(tries * factor));
        return property.execute();
    }
}
