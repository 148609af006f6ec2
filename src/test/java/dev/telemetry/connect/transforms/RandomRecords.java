package dev.telemetry.connect.transforms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/** jqwik generators for random record values and random (often invalid) condition expressions. */
public final class RandomRecords {

    /** Field names shared by records and expressions, so expressions often hit real fields. */
    static final List<String> NAMES = List.of(
            "a", "b", "level", "queries", "slow_queries", "response_time", "data", "tags", "flag", "at", "missing");

    private RandomRecords() {}

    private static Arbitrary<Object> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.0, 1e300)
                        .map(Object.class::cast),
                Arbitraries.floats().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
                Arbitraries.of("ERROR", "WARNING", "INFO", "purchase", "").map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.longs().between(-1L << 40, 1L << 42).map(ms -> (Object) new Date(ms)),
                Arbitraries.bigDecimals()
                        .ofScale(2)
                        .between(BigDecimal.valueOf(-1e6), BigDecimal.valueOf(1e6))
                        .map(Object.class::cast),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(Object.class::cast),
                Arbitraries.just(null));
    }

    private static Arbitrary<Object> list() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(5).list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.doubles().list().ofMaxSize(4).map(l -> (Object) l));
    }

    /** A schemaless value: a Map of random fields, some nested. */
    public static Arbitrary<Map<String, Object>> values(int depth) {
        Arbitrary<Object> element = depth == 0
                ? Arbitraries.oneOf(scalar(), list())
                : Arbitraries.oneOf(
                        scalar(), scalar(), list(), values(depth - 1).map(Object.class::cast));
        return Arbitraries.maps(Arbitraries.of(NAMES), element)
                .ofMaxSize(NAMES.size())
                .map(m -> new HashMap<>(m));
    }

    /** The same value as a schema-based Struct, every field optional. */
    public static Struct toStruct(Map<String, Object> value) {
        Map<String, Schema> fields = new LinkedHashMap<>();
        value.forEach((name, v) -> fields.put(name, schemaOf(v)));
        SchemaBuilder builder = SchemaBuilder.struct().optional();
        fields.forEach(builder::field);
        Schema schema = builder.build();
        Struct struct = new Struct(schema);
        value.forEach((name, v) -> struct.put(name, v instanceof Map ? toStruct(castMap(v)) : v));
        return struct;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object v) {
        return (Map<String, Object>) v;
    }

    private static Schema schemaOf(Object v) {
        if (v instanceof Long) {
            return Schema.OPTIONAL_INT64_SCHEMA;
        } else if (v instanceof Integer) {
            return Schema.OPTIONAL_INT32_SCHEMA;
        } else if (v instanceof Double) {
            return Schema.OPTIONAL_FLOAT64_SCHEMA;
        } else if (v instanceof Float) {
            return Schema.OPTIONAL_FLOAT32_SCHEMA;
        } else if (v instanceof Boolean) {
            return Schema.OPTIONAL_BOOLEAN_SCHEMA;
        } else if (v instanceof byte[]) {
            return Schema.OPTIONAL_BYTES_SCHEMA;
        } else if (v instanceof Date) {
            return Timestamp.builder().optional().build();
        } else if (v instanceof BigDecimal) {
            return Decimal.builder(((BigDecimal) v).scale()).optional().build();
        } else if (v instanceof Map) {
            return toStruct(castMap(v)).schema();
        } else if (v instanceof List) {
            List<?> list = (List<?>) v;
            boolean doubles = !list.isEmpty() && list.get(0) instanceof Double;
            return SchemaBuilder.array(doubles ? Schema.FLOAT64_SCHEMA : Schema.STRING_SCHEMA)
                    .optional()
                    .build();
        }
        return Schema.OPTIONAL_STRING_SCHEMA;
    }

    private static Arbitrary<String> atom() {
        return Arbitraries.oneOf(
                Arbitraries.of(NAMES),
                Arbitraries.of(
                        "data.a",
                        "data.level",
                        "data.data.b",
                        "data['a']",
                        "tags[0]",
                        "data.?a.orValue(1)",
                        "int",
                        "double",
                        "string"),
                Arbitraries.integers().between(-3, 1001).map(String::valueOf),
                Arbitraries.doubles().between(-10, 10).ofScale(2).map(String::valueOf),
                Arbitraries.of(
                        "'ERROR'",
                        "'WARNING'",
                        "''",
                        "'purchase'",
                        "\"x\"",
                        "b'ab'",
                        "null",
                        "true",
                        "false",
                        "[1, 2.5, 'a']",
                        "['ERROR', 'INFO']",
                        "{'k': 1}",
                        "1u",
                        "timestamp('2025-01-01T00:00:00Z')",
                        "duration('1s')"));
    }

    /** Random expressions: well-formed ones of every shape, plus token soup that rarely parses. */
    public static Arbitrary<String> expressions() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, predicate(2)),
                net.jqwik.api.Tuple.of(3, expression(3)),
                net.jqwik.api.Tuple.of(1, tokenSoup()));
    }

    /** Mostly well-typed boolean trees of comparisons, so many compile and some match. */
    private static Arbitrary<String> predicate(int depth) {
        Arbitrary<String> comparison = net.jqwik.api.Combinators.combine(
                        Arbitraries.oneOf(
                                Arbitraries.of(NAMES),
                                Arbitraries.of(
                                        "data.a",
                                        "data.level",
                                        "a + 1",
                                        "slow_queries / queries",
                                        "size(tags)",
                                        "level.lowerAscii()")),
                        Arbitraries.of("==", "!=", "<", "<=", ">", ">="),
                        Arbitraries.oneOf(
                                Arbitraries.integers().between(-5, 5).map(String::valueOf),
                                Arbitraries.of("0.5", "'ERROR'", "'INFO'", "''", "true", "null", "1000.0")))
                .as((l, op, r) -> l + " " + op + " " + r);
        Arbitrary<String> special = Arbitraries.of(
                "level in ['ERROR', 'WARNING']",
                "has(data.a)",
                "level.matches('^E')",
                "flag",
                "!flag",
                "tags.exists(t, t == 'a')",
                "data.?a.orValue(0) >= 0",
                "type(a) == double",
                "a == a");
        if (depth == 0) {
            return Arbitraries.oneOf(comparison, special);
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> predicate(depth - 1));
        return Arbitraries.oneOf(
                comparison,
                special,
                net.jqwik.api.Combinators.combine(sub, Arbitraries.of("&&", "||"), sub)
                        .as((l, op, r) -> "(" + l + ") " + op + " (" + r + ")"),
                sub.map(e -> "!(" + e + ")"));
    }

    private static Arbitrary<String> expression(int depth) {
        if (depth == 0) {
            return atom();
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        Arbitrary<String> binary = net.jqwik.api.Combinators.combine(
                        sub,
                        Arbitraries.of("+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "in"),
                        sub)
                .as((l, op, r) -> l + " " + op + " " + r);
        Arbitrary<String> unary = net.jqwik.api.Combinators.combine(Arbitraries.of("!", "-", "!!"), sub)
                .as((op, e) -> op + "(" + e + ")");
        Arbitrary<String> call = net.jqwik.api.Combinators.combine(
                        sub,
                        Arbitraries.of(
                                "size(%s)",
                                "%s.matches('^E.*R$')",
                                "%s.matches('(')",
                                "%s.contains('a')",
                                "%s.startsWith('W')",
                                "int(%s)",
                                "double(%s)",
                                "string(%s)",
                                "%s.lowerAscii()",
                                "has(%s.a)",
                                "type(%s)",
                                "%s.exists(e, e > 1)",
                                "%s.all(x, x == 'a')",
                                "%s.map(v, v * 2)",
                                "timestamp(%s)",
                                "%s.split(',')",
                                "%s.substring(1, 2)",
                                "%s ? 1 : 2",
                                "[%s, 1]",
                                "{'k': %s}.k",
                                "%s.size()",
                                "%s[0]",
                                "%s.indexOf('x')",
                                "%s.replace('a', 'b')",
                                "math.greatest(%s, 1)"))
                .as((e, template) -> String.format(template, e));
        return Arbitraries.oneOf(atom(), binary, unary, call);
    }

    private static Arbitrary<String> tokenSoup() {
        return Arbitraries.of(
                        "a", "level", ".", "(", ")", "[", "]", "'", "\"", "==", "&&", "||", "!", "1", "2.0", "in", "?",
                        ":", ",", "matches", "{", "}", " ", "\\", "@", "#", "has", "null", "`")
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(tokens -> String.join("", new ArrayList<>(tokens)));
    }
}
