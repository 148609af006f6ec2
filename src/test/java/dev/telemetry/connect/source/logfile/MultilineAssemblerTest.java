package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MultilineAssemblerTest {

    private final List<LogEvent> out = new ArrayList<>();
    private long offset;
    private long lineNumber;

    private void feed(MultilineAssembler assembler, long now, String... lines) {
        for (String line : lines) {
            long end = offset + line.length() + 1;
            lineNumber++;
            assembler.add(new LogEvent(line, offset, end, lineNumber, lineNumber, false), now, out::add);
            offset = end;
        }
    }

    private static MultilineAssembler assembler(
            String pattern, boolean negate, boolean before, int maxLines, int maxBytes) {
        return new MultilineAssembler(
                new MultilineRule(Pattern.compile(pattern), negate, before, maxLines, 1000), maxBytes);
    }

    @Test
    void javaStackTraceIsOneEventEndingAfterItsLastLine() {
        MultilineAssembler assembler = assembler("^\\s|^Caused by:", false, false, 500, 65536);
        feed(
                assembler,
                0,
                "12:00:00.000 [main] INFO  c.e.App - started",
                "12:00:01.000 [main] ERROR c.e.App - boom",
                "java.lang.IllegalStateException: bad",
                "\tat c.e.App.run(App.java:10)",
                "Caused by: java.io.IOException: disk",
                "\t... 3 more",
                "12:00:02.000 [main] INFO  c.e.App - next");
        // "java.lang..." does not start with a blank: with this pattern it starts an event of its own.
        assertThat(out)
                .extracting(LogEvent::text)
                .hasSize(3)
                .startsWith("12:00:00.000 [main] INFO  c.e.App - started", "12:00:01.000 [main] ERROR c.e.App - boom");
        assertThat(assembler.hasPending()).isTrue();
        assembler.flush(out::add);
        assertThat(out.get(3).text()).isEqualTo("12:00:02.000 [main] INFO  c.e.App - next");
        assertThat(out.get(2).text())
                .isEqualTo("java.lang.IllegalStateException: bad\n\tat c.e.App.run(App.java:10)"
                        + "\nCaused by: java.io.IOException: disk\n\t... 3 more");
        assertThat(out.get(2).firstLine()).isEqualTo(3);
        assertThat(out.get(2).lastLine()).isEqualTo(6);
        assertThat(out.get(1).endOffset()).isEqualTo(out.get(2).startOffset());
    }

    @Test
    void negatedPatternTreatsLinesWithoutATimestampAsContinuations() {
        MultilineAssembler assembler = assembler("^\\d{2}:\\d{2}:\\d{2}", true, false, 500, 65536);
        feed(
                assembler,
                0,
                "12:00:01.000 ERROR boom",
                "java.lang.IllegalStateException: bad",
                "\tat c.e.App.run(App.java:10)",
                "12:00:02.000 INFO next");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).text())
                .isEqualTo("12:00:01.000 ERROR boom\njava.lang.IllegalStateException: bad"
                        + "\n\tat c.e.App.run(App.java:10)");
        assertThat(out.get(0).endOffset())
                .isEqualTo(out.get(0).startOffset()
                        + ("12:00:01.000 ERROR boom\njava.lang.IllegalStateException: bad\n\tat c.e.App.run(App.java:10)\n")
                                .length());
    }

    @Test
    void matchBeforeJoinsContinuationsToTheLineAfterThem() {
        MultilineAssembler assembler = assembler("\\\\$", false, true, 500, 65536);
        feed(assembler, 0, "first \\", "second \\", "third", "alone");
        assertThat(out).extracting(LogEvent::text).containsExactly("first \\\nsecond \\\nthird", "alone");
    }

    @Test
    void maxLinesAndTimeoutEmitTheEvent() {
        MultilineAssembler assembler = assembler("^\\s", false, false, 3, 65536);
        feed(assembler, 0, "head", " 1", " 2", " 3", " 4");
        assertThat(out).extracting(LogEvent::text).containsExactly("head\n 1\n 2");
        assembler.flushIfIdle(999, out::add);
        assertThat(out).hasSize(1);
        assembler.flushIfIdle(1000, out::add);
        assertThat(out).extracting(LogEvent::text).containsExactly("head\n 1\n 2", " 3\n 4");
    }

    @Test
    void overlongEventKeepsItsRangeButCutsItsText() {
        MultilineAssembler assembler = assembler("^\\s", false, false, 500, 20);
        feed(assembler, 0, "0123456789", " abcdefgh", " more text", "next");
        LogEvent event = out.get(0);
        assertThat(event.text()).isEqualTo("0123456789\n abcdefgh");
        assertThat(event.truncated()).isTrue();
        assertThat(event.lastLine()).isEqualTo(3);
        assertThat(event.endOffset()).isEqualTo(("0123456789\n abcdefgh\n more text\n").length());
    }
}
