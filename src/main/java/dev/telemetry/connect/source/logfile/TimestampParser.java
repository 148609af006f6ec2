package dev.telemetry.connect.source.logfile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Reads the event time of a log line. A pattern may leave out the date (Logback's HH:mm:ss.SSS: the day the line was
 * read) or the year (syslog's MMM d HH:mm:ss: the year that puts the time nearest before the read time), and the zone
 * (the configured one).
 */
abstract class TimestampParser {

    public static final String ISO8601 = "iso8601";
    public static final String EPOCH_MILLIS = "epoch_millis";
    public static final String EPOCH_SECONDS = "epoch_seconds";

    private static final int MILLIS_DIGITS = 3;

    /** The parser for a {@code timestamp.format} value; empty means ISO-8601 or epoch numbers. */
    public static TimestampParser forFormat(String format, ZoneId zone) {
        String text = format == null ? "" : format.trim();
        if (text.isEmpty()) {
            return new Automatic(zone);
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case ISO8601:
                return new Iso(zone);
            case EPOCH_MILLIS:
                return new Epoch(1);
            case EPOCH_SECONDS:
                return new Epoch(1000);
            default:
                return new Pattern(text, zone);
        }
    }

    /**
     * Epoch milliseconds of {@code text}, or null if it does not parse or names no time an epoch millisecond can hold
     * (April 31, February 29 of a year without it, a year past {@code Instant}'s range); {@code readTimeMs} fills a
     * missing date. Never throws: one line must not fail the task.
     */
    public abstract Long parse(String text, long readTimeMs);

    private static final class Epoch extends TimestampParser {
        private final long millisPerUnit;

        Epoch(long millisPerUnit) {
            this.millisPerUnit = millisPerUnit;
        }

        @Override
        public Long parse(String text, long readTimeMs) {
            try {
                double millis = Double.parseDouble(text.trim()) * millisPerUnit;
                return Double.isFinite(millis) ? (long) millis : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * ISO-8601 date and time, as logs write it: also with a space for the {@code T} (RFC 3339 allows it; Spring Boot 2,
     * Python and many others write it) and with an offset without its colon ({@code +0100}, Logback's {@code Z}). As
     * for a pattern, the start of the last second parsed is kept for texts with milliseconds
     * ({@code yyyy-MM-ddTHH:mm:ss.SSS} and any zone): a text that differs from the last only in those three digits costs
     * only them. One parser per task: it is not for several threads.
     */
    private static class Iso extends TimestampParser {
        private static final int DATE_LENGTH = "yyyy-MM-dd".length();
        private static final int OFFSET_DIGITS = 4;
        /** Where the milliseconds of {@code yyyy-MM-ddTHH:mm:ss.SSS} start. */
        private static final int MILLIS_AT = "yyyy-MM-ddTHH:mm:ss.".length();

        private final ZoneId zone;
        /** The last text parsed that had milliseconds; {@code null} before the first. */
        private String lastText;

        private long lastSecondMillis;

        Iso(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public Long parse(String text, long readTimeMs) {
            String trimmed = text.trim();
            int millis = millisOf(trimmed);
            if (millis >= 0
                    && lastText != null
                    && trimmed.length() == lastText.length()
                    && trimmed.regionMatches(0, lastText, 0, MILLIS_AT)
                    && trimmed.regionMatches(
                            MILLIS_AT + MILLIS_DIGITS,
                            lastText,
                            MILLIS_AT + MILLIS_DIGITS,
                            trimmed.length() - MILLIS_AT - MILLIS_DIGITS)) {
                return lastSecondMillis + millis;
            }
            Long epochMillis;
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(asIso(trimmed));
                epochMillis = toEpochMillis(parsed, zone, readTimeMs);
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
            // A date-time that parsed names its day, so the result depends on nothing but the text.
            if (millis >= 0) {
                lastText = trimmed;
                lastSecondMillis = epochMillis - millis;
            }
            return epochMillis;
        }

        /** The milliseconds of a {@code yyyy-MM-ddTHH:mm:ss.SSS} text (any zone after), or -1 for any other shape. */
        private static int millisOf(String text) {
            int end = MILLIS_AT + MILLIS_DIGITS;
            if (text.length() < end
                    || text.charAt(MILLIS_AT - 1) != '.'
                    || (text.length() > end && Character.isDigit(text.charAt(end)))) {
                return -1;
            }
            return millisAt(text, MILLIS_AT);
        }

        /** {@code text} with a space between date and time made a {@code T}, and a colon put into a bare offset. */
        static String asIso(String text) {
            String iso = text;
            if (iso.length() > DATE_LENGTH
                    && iso.charAt(DATE_LENGTH) == ' '
                    && iso.charAt(4) == '-'
                    && iso.charAt(7) == '-') {
                iso = iso.substring(0, DATE_LENGTH) + 'T' + iso.substring(DATE_LENGTH + 1);
            }
            int signAt = iso.length() - OFFSET_DIGITS - 1;
            if (signAt > DATE_LENGTH
                    && iso.charAt(DATE_LENGTH) == 'T'
                    && (iso.charAt(signAt) == '+' || iso.charAt(signAt) == '-')
                    && digitsOnly(iso, signAt + 1)) {
                iso = iso.substring(0, iso.length() - 2) + ':' + iso.substring(iso.length() - 2);
            }
            return iso;
        }

        private static boolean digitsOnly(String text, int from) {
            for (int i = from; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    /** ISO-8601, else a number: epoch seconds when it is small enough to be seconds, else milliseconds. */
    private static final class Automatic extends Iso {
        private static final double LARGEST_SECONDS = 1e11;

        Automatic(ZoneId zone) {
            super(zone);
        }

        @Override
        public Long parse(String text, long readTimeMs) {
            Long iso = super.parse(text, readTimeMs);
            if (iso != null) {
                return iso;
            }
            try {
                double number = Double.parseDouble(text.trim());
                if (!Double.isFinite(number)) {
                    return null;
                }
                return (long) (Math.abs(number) < LARGEST_SECONDS ? number * 1000 : number);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * A {@link DateTimeFormatter} pattern. Parsing with it cost a third of a {@code format=regex} task's time, so when
     * the pattern ends with the milliseconds ({@code SSS}) and names the date, the start of the last second parsed is
     * kept: a line of the same second (all but its last three characters equal) costs only its three digits. One
     * parser per task: it is not for several threads.
     */
    private static final class Pattern extends TimestampParser {
        private final DateTimeFormatter formatter;
        private final ZoneId zone;
        private final boolean endsWithMillis;
        /** The last text parsed whose second is known, without its milliseconds; {@code null} before the first. */
        private String lastSecondText;

        private long lastSecondMillis;

        Pattern(String pattern, ZoneId zone) {
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
            this.zone = zone;
            this.endsWithMillis = pattern.endsWith("SSS") && !pattern.endsWith("SSSS");
        }

        @Override
        public Long parse(String text, long readTimeMs) {
            String trimmed = text.trim();
            int millis = endsWithMillis ? millisAt(trimmed, trimmed.length() - MILLIS_DIGITS) : -1;
            if (millis >= 0
                    && lastSecondText != null
                    && trimmed.length() == lastSecondText.length() + MILLIS_DIGITS
                    && trimmed.startsWith(lastSecondText)) {
                return lastSecondMillis + millis;
            }
            TemporalAccessor parsed;
            Long epochMillis;
            try {
                parsed = formatter.parse(trimmed);
                epochMillis = toEpochMillis(parsed, zone, readTimeMs);
            } catch (DateTimeException | ArithmeticException e) {
                return null;
            }
            // Without a date the result depends on the read time, so the second is kept only when the text names it.
            if (millis >= 0
                    && (parsed.isSupported(ChronoField.INSTANT_SECONDS) || parsed.isSupported(ChronoField.EPOCH_DAY))) {
                lastSecondText = trimmed.substring(0, trimmed.length() - MILLIS_DIGITS);
                lastSecondMillis = epochMillis - millis;
            }
            return epochMillis;
        }
    }

    /** The three digits of {@code text} from {@code from} as milliseconds, or -1 when they are not three digits. */
    private static int millisAt(String text, int from) {
        if (from < 0 || text.length() < from + MILLIS_DIGITS) {
            return -1;
        }
        int millis = 0;
        for (int i = from; i < from + MILLIS_DIGITS; i++) {
            char digit = text.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            millis = millis * 10 + (digit - '0');
        }
        return millis;
    }

    /** Throws DateTimeException for a day that does not exist, ArithmeticException past a long of milliseconds. */
    static Long toEpochMillis(TemporalAccessor parsed, ZoneId defaultZone, long readTimeMs) {
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed).toEpochMilli();
        }
        ZoneId zone = parsed.query(TemporalQueries.zone());
        if (zone == null) {
            zone = defaultZone;
        }
        LocalTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
        LocalDate readDay = Instant.ofEpochMilli(readTimeMs).atZone(zone).toLocalDate();
        LocalDate day;
        if (parsed.isSupported(ChronoField.EPOCH_DAY)) {
            day = LocalDate.from(parsed);
        } else if (parsed.isSupported(ChronoField.MONTH_OF_YEAR) && parsed.isSupported(ChronoField.DAY_OF_MONTH)) {
            day = LocalDate.of(
                    readDay.getYear(), parsed.get(ChronoField.MONTH_OF_YEAR), parsed.get(ChronoField.DAY_OF_MONTH));
            // A line from late December read in early January belongs to the year before.
            if (day.isAfter(readDay.plusDays(1))) {
                day = day.minusYears(1);
            }
        } else {
            day = readDay;
        }
        return day.atTime(time).atZone(zone).toInstant().toEpochMilli();
    }
}
