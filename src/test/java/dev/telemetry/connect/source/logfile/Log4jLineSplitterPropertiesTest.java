package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The hand-written split of the log4j layout gives exactly the preset regex's groups, and says so for every line the
 * regex matches: lines built of well-formed parts and of near misses (other whitespace, a missing bracket or dash,
 * a bad digit, letters the regex refuses, line terminators in the message).
 */
class Log4jLineSplitterPropertiesTest {

    @Property(tries = 2000)
    void splitsExactlyAsThePresetRegexDoes(@ForAll("log4jLikeLines") String line) {
        String[] groups = new String[Log4jLineSplitter.GROUP_NAMES.size()];
        boolean split = Log4jLineSplitter.split(line, groups);
        Matcher regex = RegexPreset.LOG4J.pattern().matcher(line);
        boolean matches = regex.matches();
        Statistics.collect(split);
        // Not vacuous: a good share of the lines are of the layout and split.
        Statistics.coverage(coverage -> coverage.check(true).percentage(percent -> percent >= 5));
        if (split) {
            assertThat(matches)
                    .as("the regex matches a line the splitter split: %s", line)
                    .isTrue();
            for (int i = 0; i < groups.length; i++) {
                assertThat(groups[i])
                        .as("group %s of %s", Log4jLineSplitter.GROUP_NAMES.get(i), line)
                        .isEqualTo(regex.group(Log4jLineSplitter.GROUP_NAMES.get(i)));
            }
        } else if (!hasLineTerminator(line)) {
            assertThat(matches)
                    .as("the splitter leaves to the regex only lines the regex refuses: %s", line)
                    .isFalse();
        }
    }

    @Test
    void aTypicalLineIsSplitWithoutTheRegex() {
        String[] groups = new String[Log4jLineSplitter.GROUP_NAMES.size()];
        assertThat(Log4jLineSplitter.split(
                        "2026-12-08 03:15:42,017 WARN  [http-nio-8080-exec-3] com.example.Cart - Cart - updated",
                        groups))
                .isTrue();
        assertThat(groups)
                .containsExactly(
                        "2026-12-08 03:15:42,017",
                        "WARN",
                        "http-nio-8080-exec-3",
                        "com.example.Cart",
                        "Cart - updated");
    }

    @Test
    void theParserUsesTheSplitterWithTheSameEventAsTheRegex() {
        String line = "2026-12-08T03:15:42.017 ERROR [main] org.example.App - - failed";
        ParsedEvent split = new RegexEventParser(RegexPreset.LOG4J).parse(line);
        ParsedEvent regex = new RegexEventParser(RegexPreset.LOG4J.pattern().pattern()).parse(line);
        assertThat(split.timestamp()).isEqualTo(regex.timestamp()).isEqualTo("2026-12-08T03:15:42.017");
        assertThat(split.level()).isEqualTo(regex.level()).isEqualTo("ERROR");
        assertThat(split.message()).isEqualTo(regex.message()).isEqualTo("- failed");
        assertThat(split.fields())
                .isEqualTo(regex.fields())
                .containsEntry("thread", "main")
                .containsEntry("logger", "org.example.App");
    }

    @Provide
    Arbitrary<String> log4jLikeLines() {
        Arbitrary<String> timestamp = Arbitraries.oneOf(
                Arbitraries.of("2026-12-08 03:15:42,017", "2026-12-08T03:15:42.017", "1999-01-01 00:00:00.000"),
                Arbitraries.of("2026-12-08 03:15:42:017", "2026-12-8 03:15:42,017", "2026-12-08_03:15:42,017"),
                Arbitraries.strings().withChars("0123456789-: T,.x").ofLength(23));
        Arbitrary<String> space = Arbitraries.of(" ", "  ", "\t", "", " \u000B", "\f", "\r", "\u00A0", " \n ");
        Arbitrary<String> level = Arbitraries.oneOf(
                Arbitraries.of("INFO", "WARN", "ERROR", "DEBUG", "TRACE", "FATAL", "Info", "", "INFO1", "É"),
                Arbitraries.strings().withChars("abcXYZ_-1").ofMinLength(1).ofMaxLength(6));
        Arbitrary<String> thread = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("main-exec 3[]\t")
                        .ofMaxLength(12)
                        .map(name -> "[" + name + "]"),
                Arbitraries.of("main", "[main", "main]", "[]", "[[x]]", "[a]b]"));
        Arbitrary<String> logger = Arbitraries.oneOf(
                Arbitraries.of("com.example.Cart", "", "a b", "x-y", "-", "org.x.Y$Z"),
                Arbitraries.strings().withChars("ab.-[] \t").ofMaxLength(8));
        Arbitrary<String> dash =
                Arbitraries.of(" - ", " -", " -x", "  -  ", " \u2014 ", "\t-\t", "- ", " - - ", " -\r");
        Arbitrary<String> message = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings()
                        .withChars("ab -[]\r\n\u0085\u2028\u2029\t")
                        .ofMaxLength(10),
                Arbitraries.of("", "Cart updated for user u1, items=3", "-", " leading space"));
        return Combinators.combine(List.of(timestamp, space, level, space, thread, space, logger, dash, message))
                .as(parts -> String.join("", parts));
    }

    private static boolean hasLineTerminator(String line) {
        return line.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029');
    }
}
