package dev.telemetry.connect.transforms.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Conditions cannot build unbounded values: refused at compile time by estimate, stopped at run time by budget. */
class ConditionBoundsTest {

    private static final String TEN_FOLD = ".replace('x','xxxxxxxxxx')";

    private static Map<String, Object> record(String message) {
        Map<String, Object> value = new HashMap<>();
        value.put("level", "ERROR");
        value.put("message", message);
        value.put("tags", List.of("db", "prod"));
        return value;
    }

    private static boolean eval(String expression, Map<String, Object> value) throws InvalidConditionException {
        Condition condition = ConditionCompiler.compile(expression);
        RecordActivation activation = RecordActivation.of(value, "test");
        boolean result = condition.test(activation);
        assertThat(condition.evaluate(activation))
                .as("CEL agrees on " + expression)
                .isEqualTo(result);
        return result;
    }

    @Test
    void chainedReplaceIsRefusedAtTheCallThatCrossesTheLimit() {
        String expression = "'x'" + TEN_FOLD.repeat(10) + " == ''";
        assertThat(expression.length()).isLessThan(300);
        // 'x' grows ten-fold per call: the 8th call would build 10^8 characters, past the 10^7 limit.
        String upToTheEighthCall = "'x'" + TEN_FOLD.repeat(7) + ".replace(";
        assertThatThrownBy(() -> ConditionCompiler.compile(expression))
                .isInstanceOfSatisfying(InvalidConditionException.class, e -> {
                    // CEL places a call at its opening parenthesis.
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(upToTheEighthCall.length());
                    assertThat(e.reason()).contains("1.0e+08 characters", "10,000,000");
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // quadratic in the field: each space becomes the whole message
                "message.replace(' ', message) != ''",
                "message.replace('', message).size() > 0",
                // a copy of a field per element of a list that can be long
                "tags.map(t, message + t).exists(s, s == '')",
                "tags.map(t, message).join('') != ''",
                // a separator as long as a field between every element of a field's list
                "tags.join(message) != ''",
                // the same ten-fold chain, on a field
                "message.replace('a', 'aaaaaaaaaa').replace('a', 'aaaaaaaaaa').replace('a', 'aaaaaaaaaa') != ''",
            })
    void expressionsThatMultiplyARecordAreRefused(String expression) {
        assertThatThrownBy(() -> ConditionCompiler.compile(expression))
                .isInstanceOf(InvalidConditionException.class)
                .hasMessageContaining("a condition may build per record");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "message.replace('\\n', ' ').contains('timeout')",
                "message.replace('a', 'aaaaaaaaaa').size() > 0",
                "message.lowerAscii().trim() + ' ' + level != ''",
                "tags.join(',') == 'db,prod'",
                "tags.map(t, t.upperAscii()).exists(t, t == 'DB')",
                "tags.exists(t, message.contains(t))",
                "message.split(' ').size() > 2",
                "[message, level].join(' ').size() > 0",
            })
    void everydayStringWorkCompiles(String expression) {
        assertThatCode(() -> ConditionCompiler.compile(expression)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "=>",
            quoteCharacter = '"',
            value = {
                "'hello'.replace('', '_') == '_h_e_l_l_o_'                 => true",
                "'a\uD83D\uDE00b'.replace('', '-') == '-a-\uD83D\uDE00-b-' => true",
                "''.replace('', 'x') == 'x'                               => true",
                "''.replace('a', 'x') == ''                               => true",
                "'aaa'.replace('a', 'b', 2) == 'bba'                      => true",
                "'aaa'.replace('a', 'b', 0) == 'aaa'                      => true",
                "'aaa'.replace('a', 'b', -1) == 'bbb'                     => true",
                "'abab'.replace('ab', 'x') == 'xx'                        => true",
                "'hello'.replace('', '_', 2) == '_h_ello'                 => true",
                "['a', 'b'].join('-') == 'a-b'                            => true",
                "['a', 'b'].join() == 'ab'                                => true",
                "[].join('-') == ''                                       => true",
                "b'a' + b'b' == b'ab'                                     => true",
                "'ab' + level == 'abERROR'                                => true",
                "message.replace('o', '0') == 'timeout'                   => false",
                "message.replace('o', '0') == 'time0ut'                   => true",
            })
    void boundedFunctionsKeepCelSemantics(String expression, boolean expected) throws InvalidConditionException {
        assertThat(eval(expression, record("timeout"))).isEqualTo(expected);
    }

    @Test
    void aRecordLargerThanTheEstimateAssumesIsStoppedWithADataException() throws InvalidConditionException {
        // Allowed: ten-fold of a field of the assumed size fits. A 2-million-character field would give 20 million.
        Condition condition = ConditionCompiler.compile("message.replace('a', 'aaaaaaaaaa').size() > 0");
        RecordActivation big = RecordActivation.of(record("a".repeat(2_000_000)), "test");
        assertThatThrownBy(() -> condition.test(big))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("message.replace('a', 'aaaaaaaaaa')")
                .hasMessageContaining("20000000 characters")
                .hasMessageContaining("10000000");
        // The same condition on an ordinary record, and on the same thread afterwards, is fine.
        assertThat(condition.test(RecordActivation.of(record("a"), "test"))).isTrue();
    }

    @Test
    void anExhaustedBudgetIsNotAbsorbedByOr() throws InvalidConditionException {
        Condition condition = ConditionCompiler.compile("message.replace('a', 'aaaaaaaaaa') == '' || level == 'ERROR'");
        RecordActivation big = RecordActivation.of(record("a".repeat(2_000_000)), "test");
        assertThatThrownBy(() -> condition.test(big)).isInstanceOf(DataException.class);
    }

    @Test
    void concatenationOnBothPathsIsBounded() throws InvalidConditionException {
        Condition condition = ConditionCompiler.compile("message + message != ''");
        assertThat(condition.hasDirectEvaluator()).isTrue();
        RecordActivation big = RecordActivation.of(record("m".repeat(6_000_000)), "test");
        assertThatThrownBy(() -> condition.test(big))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("12000000 characters");
        assertThatThrownBy(() -> condition.evaluate(big)).isInstanceOf(DataException.class);
    }

    @Test
    void comprehensionsCannotMultiplyARecordPastTheBudget() throws InvalidConditionException {
        // Three copies of a field of the assumed size are allowed; of a 4-million-character field they are not.
        Condition condition = ConditionCompiler.compile("[1, 2, 3].map(i, message + level).size() == 3");
        assertThat(condition.test(RecordActivation.of(record("m"), "test"))).isTrue();
        RecordActivation big = RecordActivation.of(record("m".repeat(4_000_000)), "test");
        assertThatThrownBy(() -> condition.test(big))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("12000015 characters");
    }
}
