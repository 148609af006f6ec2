package dev.telemetry.connect.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class EventTimeTest {

    private static final Instant T = Instant.parse("2026-11-25T10:15:30.250Z");

    @Test
    void acceptsEveryDocumentedForm() {
        assertThat(EventTime.parse(Date.from(T))).isEqualTo(T);
        assertThat(EventTime.parse(T.toEpochMilli())).isEqualTo(T);
        assertThat(EventTime.parse(1000)).isEqualTo(Instant.ofEpochMilli(1000));
        assertThat(EventTime.parse((short) 5)).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(EventTime.parse("2026-11-25T10:15:30.250Z")).isEqualTo(T);
        assertThat(EventTime.parse("2026-11-25T11:15:30.250+01:00")).isEqualTo(T);
        assertThat(EventTime.parse(" " + T.toEpochMilli() + " ")).isEqualTo(T);
    }

    @Test
    void refusesEverythingElseSayingWhatArrived() {
        assertThatThrownBy(() -> EventTime.parse(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> EventTime.parse("2026-11-25T10:15:30"))
                .as("no offset")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2026-11-25T10:15:30'");
        assertThatThrownBy(() -> EventTime.parse(null)).hasMessageContaining("no value");
        assertThatThrownBy(() -> EventTime.parse("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseOrNullIsTheSameParserWithoutTheError() {
        assertThat(EventTime.parseOrNull("2026-11-25T10:15:30.250Z")).isEqualTo(T);
        assertThat(EventTime.parseOrNull(1.5)).isNull();
        assertThat(EventTime.parseOrNull(null)).isNull();
        assertThat(EventTime.parseOrNull("soon")).isNull();
    }
}
