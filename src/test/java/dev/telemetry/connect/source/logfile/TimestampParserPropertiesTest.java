package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A parser that keeps the last second it parsed (a pattern, or ISO-8601) answers exactly as a parser seeing each text
 * for the first time: across zones with daylight saving (the repeated and the skipped hour included), patterns with and
 * without a date, ISO texts with and without a zone or milliseconds, lines of one second and of the next, and texts
 * that do not parse.
 */
class TimestampParserPropertiesTest {

    /** How a log writes the time, and the timestamp.format that reads it. */
    record Layout(String printed, String format) {}

    private static final List<Layout> LAYOUTS = List.of(
            new Layout("yyyy-MM-dd HH:mm:ss,SSS", RegexPreset.LOG4J.timestampFormat()),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSS", RegexPreset.LOG4J.timestampFormat()),
            new Layout("yyyy-MM-dd HH:mm:ss,SSS", RegexPreset.KAFKA.timestampFormat()),
            new Layout("dd/MMM/yyyy:HH:mm:ss.SSS", "dd/MMM/yyyy:HH:mm:ss.SSS"),
            new Layout("yyyy-MM-dd HH:mm:ss.SSSXXX", "yyyy-MM-dd HH:mm:ss.SSSXXX"),
            new Layout("HH:mm:ss.SSS", RegexPreset.LOGBACK.timestampFormat()),
            new Layout("yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss"),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", ""),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", TimestampParser.ISO8601),
            new Layout("yyyy-MM-dd HH:mm:ss.SSSxx", ""),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSS", TimestampParser.ISO8601),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", ""),
            new Layout("yyyy-MM-dd'T'HH:mm:ss.SSSXXX'['VV']'", TimestampParser.ISO8601),
            new Layout("yyyy-MM-dd'T'HH:mm:ssXXX", ""));

    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"),
            ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Lord_Howe"));

    /** Instants around the 2026 daylight-saving changes of the zones above, and around the turn of the year. */
    private static final List<Instant> AROUND = List.of(
            Instant.parse("2026-03-29T00:59:58Z"),
            Instant.parse("2026-10-25T00:59:58Z"),
            Instant.parse("2026-03-08T06:59:58Z"),
            Instant.parse("2026-11-01T05:59:58Z"),
            Instant.parse("2026-04-04T14:59:58Z"),
            Instant.parse("2026-12-31T23:59:58Z"));

    @Provide
    Arbitrary<List<Long>> steps() {
        // Mostly a few milliseconds apart, as lines of a busy log are; now and then seconds or an hour apart.
        return Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.longs().between(0, 7)),
                        Tuple.of(2, Arbitraries.longs().between(0, 3_000)),
                        Tuple.of(1, Arbitraries.longs().between(-3_600_000, 3_600_000)))
                .list()
                .ofMaxSize(300);
    }

    @Property(tries = 400)
    void answersAsAParserSeeingEachTextForTheFirstTime(
            @ForAll @IntRange(max = 13) int layoutIndex,
            @ForAll @IntRange(max = 3) int zoneIndex,
            @ForAll @IntRange(max = 5) int aroundIndex,
            @ForAll("steps") List<Long> steps,
            @ForAll @Size(max = 5) List<@IntRange(max = 299) Integer> garbled) {
        Layout layout = LAYOUTS.get(layoutIndex);
        ZoneId zone = ZONES.get(zoneIndex);
        DateTimeFormatter printer =
                DateTimeFormatter.ofPattern(layout.printed(), Locale.ENGLISH).withZone(zone);
        TimestampParser remembering = TimestampParser.forFormat(layout.format(), zone);
        long millis = AROUND.get(aroundIndex).toEpochMilli();
        List<String> texts = new ArrayList<>();
        for (long step : steps) {
            millis += step;
            texts.add(printer.format(Instant.ofEpochMilli(millis)));
        }
        // Texts that do not parse, or end in something other than three digits, between the others.
        for (int at : garbled) {
            if (at < texts.size()) {
                String text = texts.get(at);
                texts.set(at, at % 2 == 0 ? text.substring(0, text.length() - 1) + "x" : text + "Z");
            }
        }
        long readTimeMs = millis;
        for (String text : texts) {
            Long expected = TimestampParser.forFormat(layout.format(), zone).parse(text, readTimeMs);
            assertThat(remembering.parse(text, readTimeMs)).as(text).isEqualTo(expected);
            // A pattern without a date takes the day from the read time, which moves on.
            readTimeMs += 86_400_000L / 3;
        }
    }

    @Test
    void aLineOfTheSameSecondReadsItsOwnMilliseconds() {
        TimestampParser parser = TimestampParser.forFormat(RegexPreset.LOG4J.timestampFormat(), ZoneId.of("UTC"));
        assertThat(parser.parse("2026-11-30 08:00:01,250", 0))
                .isEqualTo(Instant.parse("2026-11-30T08:00:01.250Z").toEpochMilli());
        assertThat(parser.parse("2026-11-30 08:00:01,007", 0))
                .isEqualTo(Instant.parse("2026-11-30T08:00:01.007Z").toEpochMilli());
        assertThat(parser.parse("2026-11-30 08:00:02.999", 0))
                .isEqualTo(Instant.parse("2026-11-30T08:00:02.999Z").toEpochMilli());
        assertThat(parser.parse("2026-11-30 08:00:02.99x", 0)).isNull();
    }
}
