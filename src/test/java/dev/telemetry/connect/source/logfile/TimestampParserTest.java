package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ISO-8601 (an empty timestamp.format, and iso8601) as logs write it. */
class TimestampParserTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long READ_TIME = Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-30T10:15:30.120Z         | 2026-11-30T10:15:30.120Z",
                "2026-11-30T10:15:30.120+01:00    | 2026-11-30T09:15:30.120Z",
                "2026-11-30T10:15:30.120+0100     | 2026-11-30T09:15:30.120Z",
                "2026-11-30T10:15:30-0500         | 2026-11-30T15:15:30Z",
                "2026-11-30 10:15:30.120          | 2026-11-30T09:15:30.120Z",
                "2026-11-30 10:15:30.120+01:00    | 2026-11-30T09:15:30.120Z",
                "2026-11-30 10:15:30,120          | ",
                "2026-11-30T10:15:30.1234         | 2026-11-30T09:15:30.123Z",
                "2026-11-30                       | ",
                "30/Nov/2026:10:15:30 +0100       | ",
                "+300000000-01-01T00:00:00Z       | ",
            })
    void readsIsoAsLogsWriteIt(String text, String expected) {
        Long millis = expected == null ? null : Instant.parse(expected).toEpochMilli();
        assertThat(TimestampParser.forFormat("", BERLIN).parse(text, READ_TIME)).isEqualTo(millis);
        assertThat(TimestampParser.forFormat(TimestampParser.ISO8601, BERLIN).parse(text, READ_TIME))
                .isEqualTo(millis);
    }
}
