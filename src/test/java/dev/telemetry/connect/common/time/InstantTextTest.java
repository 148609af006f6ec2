package dev.telemetry.connect.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWrites() {
        Random random = new Random(14);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong() % 400_000_000_000L;
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesTheEdgesOfItsYearsAndBeyondThemAsInstantToStringDoes() {
        long[] seconds = {
            -62_167_219_201L,
            -62_167_219_200L,
            -1,
            0,
            951_782_400L,
            253_402_300_799L,
            253_402_300_800L,
            Instant.MAX.getEpochSecond() - 1
        };
        for (long second : seconds) {
            for (int nanos : new int[] {0, 1, 7, 120_000, 500_000_000, 999_999_999}) {
                Instant instant = Instant.ofEpochSecond(second, nanos);
                assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
            }
        }
        assertThat(InstantText.ofEpochMilli(1_764_057_570_125L)).isEqualTo("2025-11-25T07:59:30.125Z");
        assertThat(InstantText.of(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        assertThat(InstantText.of(Instant.MAX)).isEqualTo(Instant.MAX.toString());
    }
}
