package dev.telemetry.connect.transforms.condition;

import dev.cel.runtime.CelVariableResolver;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * The variables a condition sees: the top-level fields of one record value, converted on first read (see
 * {@link CelValues}). Create one per record and evaluate every rule against it.
 */
public final class RecordActivation implements CelVariableResolver {

    private final Object value;

    private RecordActivation(Object value) {
        this.value = value;
    }

    /** Wraps a Struct or a Map; any other value is refused with a DataException naming what arrived. */
    public static RecordActivation of(Object value, String what) {
        if (value instanceof Struct || value instanceof Map) {
            return new RecordActivation(value);
        }
        throw new DataException(what + " expects a Struct (with a schema) or a Map (schemaless) to classify, but got "
                + (value == null ? "null" : value.getClass().getName()));
    }

    boolean isPresent(String field) {
        return CelValues.field(value, field) != null;
    }

    /** The converted field value for the direct evaluator; {@link DirectEvaluator#NO_VALUE} when absent or null. */
    Object celValueOrNoValue(String name) {
        Object raw = CelValues.field(value, name);
        return raw == null ? DirectEvaluator.NO_VALUE : CelValues.toCel(raw);
    }

    @Override
    public Optional<Object> find(String name) {
        return Optional.ofNullable(CelValues.toCel(CelValues.field(value, name)));
    }
}
