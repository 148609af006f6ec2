package dev.telemetry.connect.common.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as the ISO-8601 text {@link Instant#toString()} writes ({@code 2026-11-25T10:15:30.250Z}: seconds always,
 * the fraction in groups of three digits as needed), without going through {@code DateTimeFormatter}: the alert sink
 * writes several times per alert, and the formatter was a tenth of its time per record. Instants outside the years
 * 0000 to 9999 are left to {@link Instant#toString()}.
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long FIRST_SECOND = -62_167_219_200L;

    private static final long END_SECOND = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ} */
    private static final int MAX_LENGTH = 30;

    private InstantText() {}

    public static String of(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        char[] text = new char[MAX_LENGTH];
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int length = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            text[length++] = '.';
            if (nano % 1_000_000 == 0) {
                length = digits(text, length, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                length = digits(text, length, nano / 1_000, 6);
            } else {
                length = digits(text, length, nano, 9);
            }
        }
        text[length++] = 'Z';
        return new String(text, 0, length);
    }

    /** Epoch milliseconds as {@link #of(Instant)} writes them. */
    public static String ofEpochMilli(long epochMilli) {
        return of(Instant.ofEpochMilli(epochMilli));
    }

    /** Writes {@code value} (not negative) at {@code start} in exactly {@code width} digits; returns the end. */
    private static int digits(char[] text, int start, int value, int width) {
        for (int i = start + width - 1; i >= start; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return start + width;
    }
}
