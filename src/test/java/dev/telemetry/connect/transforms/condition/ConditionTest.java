package dev.telemetry.connect.transforms.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {

    private static final Schema DATA = SchemaBuilder.struct()
            .name("Data")
            .field("response_time", Schema.FLOAT64_SCHEMA)
            .field("code", Schema.INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static final Schema EVENT = SchemaBuilder.struct()
            .name("Event")
            .field("level", Schema.STRING_SCHEMA)
            .field("message", Schema.STRING_SCHEMA)
            .field("queries", Schema.INT64_SCHEMA)
            .field("slow_queries", Schema.INT64_SCHEMA)
            .field("small", Schema.INT8_SCHEMA)
            .field("ratio", Schema.FLOAT32_SCHEMA)
            .field("price", Decimal.schema(2))
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("at", Timestamp.SCHEMA)
            .field("raw", Schema.BYTES_SCHEMA)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field(
                    "attrs",
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build())
            .field("data", DATA)
            .field("absent", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    private static Struct struct() {
        return new Struct(EVENT)
                .put("level", "ERROR")
                .put("message", "Database connection timeout")
                .put("queries", 1000L)
                .put("slow_queries", 20L)
                .put("small", (byte) 7)
                .put("ratio", 0.5f)
                .put("price", new BigDecimal("12.50"))
                .put("flag", true)
                .put("at", new Date(1_700_000_000_000L))
                .put("raw", new byte[] {1, 2})
                .put("tags", List.of("db", "prod"))
                .put("attrs", Map.of("retries", 3))
                .put("data", new Struct(DATA).put("response_time", 1200.0).put("code", 503));
    }

    /** The same record, schemaless, as JsonConverter with schemas.enable=false would give it. */
    private static Map<String, Object> map() {
        Map<String, Object> data = new HashMap<>();
        data.put("response_time", 1200.0);
        data.put("code", 503);
        data.put("note", null);
        Map<String, Object> value = new HashMap<>();
        value.put("level", "ERROR");
        value.put("message", "Database connection timeout");
        value.put("queries", 1000L);
        value.put("slow_queries", 20);
        value.put("small", (byte) 7);
        value.put("ratio", 0.5f);
        value.put("price", new BigDecimal("12.50"));
        value.put("flag", true);
        value.put("at", new Date(1_700_000_000_000L));
        value.put("raw", ByteBuffer.wrap(new byte[] {1, 2}));
        value.put("tags", List.of("db", "prod"));
        value.put("attrs", Map.of("retries", 3));
        value.put("data", data);
        value.put("absent", null);
        return value;
    }

    /** Evaluates through every shortcut, and checks CEL's own evaluation gives the same answer. */
    private static boolean eval(String expression, Object value) throws InvalidConditionException {
        Condition condition = ConditionCompiler.compile(expression);
        RecordActivation activation = RecordActivation.of(value, "test");
        boolean result = condition.test(activation);
        assertThat(condition.evaluate(activation))
                .as("CEL agrees on " + expression)
                .isEqualTo(result);
        return result;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "level == 'ERROR'                                  => true",
                "slow_queries / queries > 0.01                     => true",
                "data.response_time > 1000 && data.code >= 500     => true",
                "level in ['ERROR', 'WARNING']                     => true",
                "message.matches('(?i)timeout|refused')            => true",
                "has(data.code) || !flag                           => true",
                "size(message) > 3 ? message.startsWith('D') : -queries < 0 => true",
                "level.lowerAscii() == 'error'                     => false",
                "tags.exists(t, t == 'prod')                       => false",
                "data.?code.orValue(0) > 1                         => false",
                "attrs['retries'] == 3                             => false",
            })
    void commonConditionsAreEvaluatedDirectly(String expression, boolean fast) throws Exception {
        assertThat(ConditionCompiler.compile(expression).hasDirectEvaluator()).isEqualTo(fast);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                // comparisons
                "level == 'ERROR'                                  => true",
                "level != 'ERROR'                                  => false",
                "queries > 999                                     => true",
                "queries >= 1000                                   => true",
                "queries < 1000                                    => false",
                "queries <= 1000.0                                 => true",
                "small == 7                                        => true",
                "ratio == 0.5                                      => true",
                "price > 12                                        => true",
                "flag                                              => true",
                "flag == false                                     => false",
                // logic
                "level == 'ERROR' && queries > 10                  => true",
                "level == 'INFO' || queries > 10                   => true",
                "level == 'INFO' || queries < 10                   => false",
                "!(level == 'INFO')                                => true",
                "level == 'ERROR' ? queries > 1 : false            => true",
                // membership
                "level in ['ERROR', 'WARNING']                     => true",
                "level in ['INFO']                                 => false",
                "small in [1, 7]                                   => true",
                "'prod' in tags                                    => true",
                "'retries' in attrs                                => true",
                "'code' in data                                    => true",
                // regex and strings
                "message.matches('(?i)timeout')                    => true",
                "message.matches('^Disk')                          => false",
                "message.contains('connection')                    => true",
                "message.startsWith('Database')                    => true",
                "message.endsWith('timeout')                       => true",
                "message.lowerAscii().contains('database')         => true",
                "message.upperAscii() == 'DATABASE CONNECTION TIMEOUT' => true",
                "size(message) > 10                                => true",
                "message.split(' ').size() == 3                    => true",
                "message.indexOf('connection') == 9                => true",
                "message.substring(0, 8) == 'Database'             => true",
                // arithmetic: record numbers are doubles, literals may be ints
                "slow_queries / queries > 0.01                     => true",
                "slow_queries / queries == 0.02                    => true",
                "slow_queries * 100 / queries >= 2                 => true",
                "queries - slow_queries == 980                     => true",
                "queries + 1 == 1001                               => true",
                "1 + queries == 1001                               => true",
                "2 * small == 14                                   => true",
                "queries % 7 == 6                                  => true",
                "int(queries) % 7 == 6                             => true",
                "slow_queries / queries > 0.05                     => false",
                // nested paths
                "data.response_time > 1000                         => true",
                "data.response_time > 1000 && data.code >= 500     => true",
                "data['code'] == 503                               => true",
                "attrs.retries == 3                                => true",
                "tags[0] == 'db'                                   => true",
                "has(data.code)                                    => true",
                "has(data.note)                                    => false",
                "has(data.nope)                                    => false",
                "data.?nope.orValue(0) == 0                        => true",
                // other types
                "at > timestamp('2023-01-01T00:00:00Z')            => true",
                "at < timestamp(0)                                 => false",
                "raw == b'\\x01\\x02'                                => true",
                "size(tags) == 2                                   => true",
                "tags.exists(t, t == 'prod')                       => true",
                "tags.all(t, size(t) > 5)                          => false",
                "type(queries) == double                           => true",
                "string(level) + '!' == 'ERROR!'                   => true",
            })
    void operatorsOnStructAndMap(String expression, boolean expected) throws Exception {
        assertThat(eval(expression, struct())).as("struct").isEqualTo(expected);
        assertThat(eval(expression, map())).as("map").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is false")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "missing > 1",
                "missing == 'x'",
                "missing != 'x'",
                "!(missing > 1)",
                "absent == 'x'",
                "absent != 'x'",
                "absent == null",
                "data.nope > 1",
                "data.note == 'x'",
                "data.note != 'x'",
                "data.code.deeper > 1",
                "level > 5",
                "level + 1 == 2",
                "missing > 1 && level == 'ERROR'",
                "level == 'ERROR' && missing > 1",
                "tags[5] == 'x'",
                "attrs.nope == 1",
                "queries / 0 == 1",
                "int(queries) / 0 == 1",
                "missing.matches('x')",
                "missing",
                "level",
            })
    void missingNullOrMistypedFieldsMakeTheConditionFalse(String expression) throws Exception {
        assertThat(eval(expression, struct())).as("struct").isFalse();
        assertThat(eval(expression, map())).as("map").isFalse();
    }

    @Test
    void notANumberComparesAsCelSaysOnEveryPath() throws Exception {
        // Found by ConditionShortcutsPropertiesTest: the direct evaluator must leave NaN equality to CEL.
        Map<String, Object> value = Map.of("a", Double.NaN, "b", 1.0);
        eval("a == a", value);
        eval("a != b", value);
        eval("a < b || a >= b", value);
    }

    @Test
    void aNegatedAndMatchesWhenItsKnownSideIsFalse() throws Exception {
        assertThat(eval("!(missing == 0 && level == 'INFO')", struct())).isTrue();
        assertThat(eval("!(missing == 0 && level == 'INFO')", map())).isTrue();
    }

    @Test
    void anOrStillMatchesWhenTheOtherSideHolds() throws Exception {
        assertThat(eval("missing > 1 || level == 'ERROR'", struct())).isTrue();
        assertThat(eval("level == 'ERROR' || missing > 1", map())).isTrue();
        assertThat(eval("data.nope > 1 || data.code == 503", map())).isTrue();
    }

    @Test
    void requiredFieldsAreTheOnesNoBranchCanDoWithout() throws Exception {
        assertThat(ConditionCompiler.compile("level == 'ERROR' && data.x > 1").requiredFields())
                .containsExactlyInAnyOrder("level", "data");
        assertThat(ConditionCompiler.compile("level == 'ERROR' || level == 'WARNING'")
                        .requiredFields())
                .containsExactly("level");
        assertThat(ConditionCompiler.compile("a > 1 || b > 1").requiredFields()).isEmpty();
        assertThat(ConditionCompiler.compile("a.?b.orValue(c) > 1").requiredFields())
                .containsExactly("a");
        assertThat(ConditionCompiler.compile("l.exists(x, x > y)").requiredFields())
                .containsExactly("l");
        assertThat(ConditionCompiler.compile("type(x) == int").requiredFields()).containsExactly("x");
        assertThat(ConditionCompiler.compile("!(b == 0 && a == 0)").requiredFields())
                .isEmpty();
        assertThat(ConditionCompiler.compile("!(b == 0 || a == 0)").requiredFields())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(ConditionCompiler.compile("!!(a > 1)").requiredFields()).containsExactly("a");
    }

    @Test
    void conditionsReadNestedFieldsAndListElementsOfStructsAndMapsAlike() throws Exception {
        for (Object value : List.of(struct(), map())) {
            assertThat(eval("data.code == 503 && tags[1] == 'prod'", value)).isTrue();
            assertThat(eval("tags[0] == 'prod'", value)).isFalse();
        }
        RecordActivation activation = RecordActivation.of(struct(), "test");
        assertThat(activation.find("data.code"))
                .as("a qualified name reads the nested field by path")
                .contains(503.0);
        assertThat(activation.find("tags.1")).contains("prod");
    }

    @Test
    void aValueThatIsNeitherStructNorMapIsADataException() {
        assertThatThrownBy(() -> RecordActivation.of("text", "ClassifyEvent$Value"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("ClassifyEvent$Value")
                .hasMessageContaining("Struct")
                .hasMessageContaining("java.lang.String");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "level == 'ERROR' &&         => 1 => 20 => mismatched input",
                "level === 'x'               => 1 => 9  => token recognition error",
                "foo(level)                  => 1 => 4  => undeclared reference to 'foo'",
                "1 + 2                       => 1 => 1  => boolean",
                "'x' + level                 => 1 => 1  => boolean",
                "'a' + 1 == 'b'              => 1 => 5  => found no matching overload",
                "''                          => 1 => 1  => boolean",
                "level.matches('(')          => 1 => 15 => invalid regular expression",
            })
    void invalidConditionsAreRefusedWithAPosition(String expression, int line, int column, String reason) {
        assertThatThrownBy(() -> ConditionCompiler.compile(expression))
                .isInstanceOf(InvalidConditionException.class)
                .satisfies(e -> {
                    InvalidConditionException invalid = (InvalidConditionException) e;
                    assertThat(invalid.line()).isEqualTo(line);
                    assertThat(invalid.column()).isEqualTo(column);
                    if (reason != null) {
                        assertThat(invalid.reason()).contains(reason);
                    }
                });
    }

    @Test
    void anEmptyConditionIsRefused() {
        assertThatThrownBy(() -> ConditionCompiler.compile("  "))
                .isInstanceOf(InvalidConditionException.class)
                .hasMessageContaining("empty");
    }
}
