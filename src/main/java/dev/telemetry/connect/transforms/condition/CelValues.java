package dev.telemetry.connect.transforms.condition;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.telemetry.connect.common.record.FieldPath;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Converts Connect values to the Java types CEL evaluates, lazily: a Struct, Map or List becomes a read-only view
 * that converts an element only when the expression reads it, so a rule that looks at one field never pays for the
 * rest of the record.
 *
 * <ul>
 *   <li>int8, int16, int32, int64, float32, float64 and Decimal become {@code double} (see {@link ConditionCompiler});
 *   <li>Timestamp, Date and Time logical values ({@link Date}) become CEL timestamps;
 *   <li>bytes become CEL bytes; strings and booleans stay as they are;
 *   <li>a null value counts as absent, like a missing field: {@code has(data.x)} is false and reading it makes the
 *       condition false;
 *   <li>map keys: integer keys become CEL ints, other keys stay as they are.
 * </ul>
 * A value of any other Java class is handed to CEL unchanged; CEL then reports an evaluation error and the condition
 * is false.
 */
final class CelValues {

    private CelValues() {}

    static Object toCel(Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double) {
            return value;
        }
        if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Float
                || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Struct) {
            return new StructView((Struct) value);
        }
        if (value instanceof Map) {
            return new MapView((Map<?, ?>) value);
        }
        if (value instanceof List) {
            return new ListView((List<?>) value);
        }
        if (value instanceof Date) {
            long millis = ((Date) value).getTime();
            return Timestamp.newBuilder()
                    .setSeconds(Math.floorDiv(millis, 1000L))
                    .setNanos((int) Math.floorMod(millis, 1000L) * 1_000_000)
                    .build();
        }
        if (value instanceof byte[]) {
            return ByteString.copyFrom((byte[]) value);
        }
        if (value instanceof ByteBuffer) {
            return ByteString.copyFrom(((ByteBuffer) value).duplicate());
        }
        return value;
    }

    private static Object toCelKey(Object key) {
        if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
            return ((Number) key).longValue();
        }
        return toCel(key);
    }

    /**
     * Reads a field of a Struct or Map by {@link FieldPath} syntax (a CEL identifier is a top-level name; a qualified
     * name such as {@code data.response_time} reads the nested field); null when absent or null.
     */
    static Object field(Object container, String name) {
        return FieldPath.read(container, name);
    }

    /** A Struct seen as a CEL map from field name to converted value; null fields are absent. */
    private static final class StructView extends AbstractMap<String, Object> {
        private final Struct struct;

        StructView(Struct struct) {
            this.struct = struct;
        }

        @Override
        public Object get(Object key) {
            return key instanceof String ? toCel(named(key)) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String && named(key) != null;
        }

        /** A map key is one field name, even with a dot in it, so this is no path lookup. */
        private Object named(Object key) {
            Field field = struct.schema().field((String) key);
            return field == null ? null : struct.get(field);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    Iterator<Field> fields = struct.schema().fields().iterator();
                    return new Iterator<>() {
                        private Entry<String, Object> next = advance();

                        private Entry<String, Object> advance() {
                            while (fields.hasNext()) {
                                Field f = fields.next();
                                Object v = struct.get(f);
                                if (v != null) {
                                    return new SimpleImmutableEntry<>(f.name(), toCel(v));
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next == null) {
                                throw new NoSuchElementException();
                            }
                            Entry<String, Object> current = next;
                            next = advance();
                            return current;
                        }
                    };
                }

                @Override
                public int size() {
                    int n = 0;
                    for (Field f : struct.schema().fields()) {
                        if (struct.get(f) != null) {
                            n++;
                        }
                    }
                    return n;
                }
            };
        }
    }

    /**
     * A Connect map seen as a CEL map with converted keys and values; null values are absent. Lookups by a CEL key
     * try the key as given, then (for an int key) the narrower Java integer types a Connect map may hold.
     */
    private static final class MapView extends AbstractMap<Object, Object> {
        private final Map<?, ?> map;

        MapView(Map<?, ?> map) {
            this.map = map;
        }

        private Object raw(Object key) {
            Object v = map.get(key);
            if (v == null && key instanceof Long) {
                long k = (Long) key;
                if (k == (int) k) {
                    v = map.get((int) k);
                }
                if (v == null && k == (short) k) {
                    v = map.get((short) k);
                }
                if (v == null && k == (byte) k) {
                    v = map.get((byte) k);
                }
            }
            return v;
        }

        @Override
        public Object get(Object key) {
            return toCel(raw(key));
        }

        @Override
        public boolean containsKey(Object key) {
            return raw(key) != null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<Object, Object>> iterator() {
                    Iterator<? extends Entry<?, ?>> entries = map.entrySet().iterator();
                    return new Iterator<>() {
                        private Entry<Object, Object> next = advance();

                        private Entry<Object, Object> advance() {
                            while (entries.hasNext()) {
                                Entry<?, ?> e = entries.next();
                                if (e.getValue() != null) {
                                    return new SimpleImmutableEntry<>(toCelKey(e.getKey()), toCel(e.getValue()));
                                }
                            }
                            return null;
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public Entry<Object, Object> next() {
                            if (next == null) {
                                throw new NoSuchElementException();
                            }
                            Entry<Object, Object> current = next;
                            next = advance();
                            return current;
                        }
                    };
                }

                @Override
                public int size() {
                    int n = 0;
                    for (Object v : map.values()) {
                        if (v != null) {
                            n++;
                        }
                    }
                    return n;
                }
            };
        }
    }

    /** A Connect array seen as a CEL list with converted elements. */
    private static final class ListView extends AbstractList<Object> {
        private final List<?> list;

        ListView(List<?> list) {
            this.list = list;
        }

        @Override
        public Object get(int index) {
            return toCel(list.get(index));
        }

        @Override
        public int size() {
            return list.size();
        }
    }
}
