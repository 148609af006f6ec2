package dev.telemetry.connect.source.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.ValueToKey;
import org.junit.jupiter.api.Test;

/** Each format and each preset on lines as the real programs write them. */
class EventParsersTest {

    private static final long READ_TIME = Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();
    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Struct parse(LogFormat format, RegexPreset preset, String regex, String text) {
        String timestampFormat = preset != null ? preset.timestampFormat() : "";
        LogRecordFactory factory = new LogRecordFactory(
                "application_logs",
                EventParser.of(format, preset, regex),
                TimestampParser.forFormat(timestampFormat, UTC),
                "INFO",
                "");
        return factory.value(
                new LogEvent(text, 0, text.length() + 1, 1, 1, false), Path.of("/var/log/app.log"), READ_TIME);
    }

    private static Struct preset(RegexPreset preset, String text) {
        return parse(LogFormat.REGEX, preset, null, text);
    }

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static long timestamp(Struct value) {
        return ((java.util.Date) value.get("timestamp")).getTime();
    }

    @Test
    void plainKeepsTheLineAsMessageWithTheDefaultLevelAndTheFileAsService() {
        Struct value = parse(LogFormat.PLAIN, null, null, "anything at all");
        assertThat(value.getString("message")).isEqualTo("anything at all");
        assertThat(value.getString("level")).isEqualTo("INFO");
        assertThat(value.getString("service")).isEqualTo("app");
        assertThat(value.getString("stream")).isEqualTo("logs");
        assertThat(value.getString("file")).isEqualTo("/var/log/app.log");
        assertThat(value.getInt64("seq")).isEqualTo(1L);
        assertThat(timestamp(value)).isEqualTo(READ_TIME);
        assertThat(value.getString("parse_error")).isNull();
        value.validate();
    }

    @Test
    void logbackDefaultLayoutWithAStackTrace() {
        Struct value = preset(
                RegexPreset.LOGBACK,
                "14:03:07.123 [http-nio-8080-exec-1] ERROR c.e.shop.CheckoutController "
                        + "- Payment failed\njava.lang.IllegalStateException: declined\n\tat c.e.shop.Pay.run(Pay.java:42)");
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("message"))
                .isEqualTo("Payment failed\njava.lang.IllegalStateException: declined"
                        + "\n\tat c.e.shop.Pay.run(Pay.java:42)");
        assertThat(value.getMap("fields"))
                .containsEntry("thread", "http-nio-8080-exec-1")
                .containsEntry("logger", "c.e.shop.CheckoutController");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T14:03:07.123Z"));
        assertThat(value.getString("parse_error")).isNull();
    }

    @Test
    void recordTimestampIsTheReadTimeAndTheEventTimeIsInTheValue() {
        LogRecordFactory factory = new LogRecordFactory(
                "logs",
                EventParser.of(LogFormat.REGEX, RegexPreset.KAFKA, null),
                TimestampParser.forFormat(RegexPreset.KAFKA.timestampFormat(), UTC),
                "INFO",
                "svc");
        String line = "[2030-01-01 00:00:00,000] ERROR from the future (x.Y)";
        var record = factory.record(
                new LogEvent(line, 0, line.length() + 1, 1, 1, false),
                Path.of("/l/a.log"),
                READ_TIME,
                java.util.Map.of("dev", 1L, "ino", 2L),
                java.util.Map.of("position", 10L));
        assertThat(record.timestamp()).isEqualTo(READ_TIME);
        assertThat(timestamp((Struct) record.value())).isEqualTo(millis("2030-01-01T00:00:00Z"));
        assertThat(record.key()).isEqualTo("ERROR");
        assertThat(((Struct) record.value()).getString("service")).isEqualTo("svc");
    }

    @Test
    void log4jFileLayout() {
        Struct value = preset(
                RegexPreset.LOG4J,
                "2026-11-29 23:59:58,001 WARN  [main] org.hibernate.orm.deprecation - HHH90000025: dialect deprecated");
        assertThat(value.getString("level")).isEqualTo("WARNING");
        assertThat(value.getString("message")).isEqualTo("HHH90000025: dialect deprecated");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-29T23:59:58.001Z"));
    }

    @Test
    void kafkaWorkerLog() {
        Struct value = preset(
                RegexPreset.KAFKA,
                "[2026-11-30 00:52:09,123] ERROR [telemetry-source|task-0] "
                        + "WorkerSourceTask{id=telemetry-source-0} Task threw an uncaught exception "
                        + "(org.apache.kafka.connect.runtime.WorkerTask:234)");
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("message"))
                .startsWith("[telemetry-source|task-0] WorkerSourceTask")
                .endsWith("uncaught exception");
        assertThat(value.getMap("fields")).containsEntry("logger", "org.apache.kafka.connect.runtime.WorkerTask:234");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T00:52:09.123Z"));
    }

    @Test
    void springBootLayout() {
        Struct value = preset(
                RegexPreset.SPRING_BOOT,
                "2026-11-30T10:15:30.120Z  WARN 4711 --- [shop] [nio-8080-exec-3] "
                        + "o.s.web.servlet.PageNotFound             : No mapping for GET /favicon.ico");
        assertThat(value.getString("level")).isEqualTo("WARNING");
        assertThat(value.getString("message")).isEqualTo("No mapping for GET /favicon.ico");
        assertThat(value.getMap("fields")).containsEntry("pid", "4711").containsEntry("application", "shop");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T10:15:30.120Z"));
    }

    @Test
    void springBoot2LayoutWithASpaceBeforeTheTime() {
        Struct value = preset(
                RegexPreset.SPRING_BOOT,
                "2026-11-30 10:15:30.120 ERROR 4711 --- [nio-8080-exec-3] "
                        + "o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception");
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("message")).isEqualTo("Servlet.service() threw exception");
        assertThat(value.getMap("fields")).doesNotContainKey("timestamp_raw");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T10:15:30.120Z"));
    }

    @Test
    void nginxCombinedAccessLogLevelFollowsTheStatus() {
        String line = "203.0.113.9 - alice [30/Nov/2026:10:15:30 +0100] \"POST /api/v1/checkout HTTP/1.1\" 503 "
                + "127 \"https://shop.example/cart\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
        Struct value = preset(RegexPreset.NGINX, line);
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("endpoint")).isEqualTo("/api/v1/checkout");
        assertThat(value.getString("message")).isEqualTo(line);
        assertThat(value.getMap("fields"))
                .containsEntry("status", "503")
                .containsEntry("method", "POST")
                .containsEntry("client", "203.0.113.9")
                .containsEntry("user", "alice");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T09:15:30Z"));
        assertThat(preset(RegexPreset.NGINX, line.replace(" 503 ", " 404 ")).getString("level"))
                .isEqualTo("WARNING");
        assertThat(preset(RegexPreset.NGINX, line.replace(" 503 ", " 200 ")).getString("level"))
                .isEqualTo("INFO");
    }

    @Test
    void apacheCommonLogWithoutRefererAndAgent() {
        Struct value = preset(
                RegexPreset.APACHE,
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326");
        assertThat(value.getString("level")).isEqualTo("INFO");
        assertThat(value.getString("endpoint")).isEqualTo("/apache_pb.gif");
        assertThat(value.getMap("fields")).doesNotContainKey("user").containsEntry("bytes", "2326");
        assertThat(timestamp(value)).isEqualTo(millis("2000-10-10T20:55:36Z"));
        assertThat(value.getString("parse_error")).isNull();
    }

    @Test
    void syslogRfc3164AsRsyslogWritesIt() {
        Struct value = preset(
                RegexPreset.SYSLOG_RFC3164,
                "Nov  3 07:01:02 web-1 sshd[1234]: Failed password for root from 198.51.100.7 port 52144 ssh2");
        assertThat(value.getString("service")).isEqualTo("sshd");
        assertThat(value.getString("message")).startsWith("Failed password");
        assertThat(value.getMap("fields")).containsEntry("host", "web-1").containsEntry("pid", "1234");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-03T07:01:02Z"));

        Struct withPriority =
                preset(RegexPreset.SYSLOG_RFC3164, "<11>Nov 30 11:00:00 db-2 postgres: could not write block");
        assertThat(withPriority.getString("level")).isEqualTo("ERROR");
    }

    @Test
    void syslogRfc5424WithStructuredData() {
        Struct value = preset(
                RegexPreset.SYSLOG_RFC5424,
                "<165>1 2026-11-30T22:14:15.003Z mymachine.example.com "
                        + "evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\"] An application event");
        assertThat(value.getString("level")).isEqualTo("INFO");
        assertThat(value.getString("service")).isEqualTo("evntslog");
        assertThat(value.getString("message")).isEqualTo("An application event");
        assertThat(value.getMap("fields")).containsEntry("msgid", "ID47").doesNotContainKey("procid");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T22:14:15.003Z"));

        Struct warning = preset(RegexPreset.SYSLOG_RFC5424, "<12>1 2026-11-30T22:14:15Z host app 42 - - disk 91% full");
        assertThat(warning.getString("level")).isEqualTo("WARNING");
        assertThat(warning.getString("message")).isEqualTo("disk 91% full");
    }

    @Test
    void jsonMapsWellKnownKeysAndKeepsTheRest() {
        Struct value = parse(
                LogFormat.JSON,
                null,
                null,
                "{\"@timestamp\":\"2026-11-30T10:00:00.5Z\",\"level\":\"warn\","
                        + "\"msg\":\"slow\",\"service\":\"cart\",\"user_id\":\"u7\",\"took_ms\":812,\"ctx\":{\"a\":1}}");
        assertThat(value.getString("level")).isEqualTo("WARNING");
        assertThat(value.getString("message")).isEqualTo("slow");
        assertThat(value.getString("service")).isEqualTo("cart");
        assertThat(value.getString("user_id")).isEqualTo("u7");
        assertThat(value.getMap("fields")).containsEntry("took_ms", "812").containsEntry("ctx", "{\"a\":1}");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T10:00:00.500Z"));
    }

    @Test
    void jsonEpochMillisTimestamp() {
        Struct value = parse(LogFormat.JSON, null, null, "{\"ts\":1795000000123,\"level\":\"ERROR\",\"msg\":\"x\"}");
        assertThat(timestamp(value)).isEqualTo(1_795_000_000_123L);
    }

    @Test
    void logfmtWithQuotedValues() {
        Struct value = parse(
                LogFormat.LOGFMT,
                null,
                null,
                "time=2026-11-30T10:00:00Z level=err msg=\"db \\\"orders\\\" unreachable\" retry=3 fatal");
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("message")).isEqualTo("db \"orders\" unreachable");
        assertThat(value.getMap("fields")).containsEntry("retry", "3").containsEntry("fatal", "true");
        assertThat(timestamp(value)).isEqualTo(millis("2026-11-30T10:00:00Z"));
    }

    @Test
    void customRegexWithOwnGroups() {
        Struct value = parse(
                LogFormat.REGEX,
                null,
                "^(?<level>\\w+)\\|(?<service>[^|]+)\\|(?<code>\\d+)\\|(?<message>.*)$",
                "SEVERE|billing|42|invoice run failed");
        assertThat(value.getString("level")).isEqualTo("ERROR");
        assertThat(value.getString("service")).isEqualTo("billing");
        assertThat(value.getMap("fields")).containsEntry("code", "42");
    }

    @Test
    void linesThatDoNotParseAreStillEventsWithAParseError() {
        for (Struct value : new Struct[] {
            parse(LogFormat.JSON, null, null, "{not json"),
            parse(LogFormat.JSON, null, null, "[1,2]"),
            parse(LogFormat.LOGFMT, null, null, "msg=\"open quote"),
            preset(RegexPreset.LOG4J, "garbage line"),
        }) {
            assertThat(value.getString("parse_error")).isNotBlank();
            assertThat(value.getString("level")).isEqualTo("INFO");
            assertThat(value.getString("message")).isNotEmpty();
            value.validate();
        }
    }

    @Test
    void unknownLevelsAndUnparsableTimestampsAreKeptRaw() {
        Struct value = parse(LogFormat.LOGFMT, null, null, "level=loud time=yesterday msg=hi");
        assertThat(value.getString("level")).isEqualTo("INFO");
        assertThat(value.getMap("fields"))
                .containsEntry("level_raw", "loud")
                .containsEntry("timestamp_raw", "yesterday");
        assertThat(timestamp(value)).isEqualTo(READ_TIME);
        assertThat(value.getString("parse_error")).contains("timestamp");
    }

    /** The parser reuses one matcher: what it matched before, or failed to match, does not leak into the next line. */
    @Test
    void oneRegexParserReadsEachLineAsAFreshOneWould() {
        String regex = "^(?<level>[A-Z]+)(?: \\[(?<thread>[^\\]]*)\\])? (?<message>(a|b)*)$";
        EventParser reused = EventParser.of(LogFormat.REGEX, null, regex);
        String longLine = "INFO " + "ab".repeat(500_000);
        for (String line : new String[] {"ERROR [main] ab", "garbage", longLine, "WARN ba", "ERROR [main] ab"}) {
            ParsedEvent fresh = parseOrOverflow(EventParser.of(LogFormat.REGEX, null, regex), line);
            ParsedEvent again = parseOrOverflow(reused, line);
            if (fresh == null) {
                assertThat(again).isNull();
                continue;
            }
            assertThat(again.level()).isEqualTo(fresh.level());
            assertThat(again.message()).isEqualTo(fresh.message());
            assertThat(again.fields()).isEqualTo(fresh.fields());
            assertThat(again.parseError()).isEqualTo(fresh.parseError());
        }
        assertThat(reused.parse("WARN ba").fields()).isNull();
    }

    /** The parsed event, or null when the regex overflowed the stack (LogRecordFactory keeps such a line unparsed). */
    private static ParsedEvent parseOrOverflow(EventParser parser, String line) {
        try {
            return parser.parse(line);
        } catch (StackOverflowError e) {
            return null;
        }
    }

    /** No text fails the task: whatever a parser or the timestamp throws, the event is kept, marked. */
    @Test
    void textThatMakesAParserThrowIsStillAnEventWithAParseError() {
        Struct beyondInstant =
                parse(LogFormat.JSON, null, null, "{\"ts\":\"+300000000-01-01T00:00:00Z\",\"msg\":\"far\"}");
        assertThat(beyondInstant.getString("message")).isEqualTo("far");
        assertThat(timestamp(beyondInstant)).isEqualTo(READ_TIME);
        assertThat(beyondInstant.getString("parse_error")).contains("timestamp");

        Struct noSuchDay = preset(RegexPreset.SYSLOG_RFC3164, "Apr 31 10:00:00 web-1 app: no such day");
        assertThat(noSuchDay.getString("message")).isEqualTo("no such day");
        assertThat(timestamp(noSuchDay)).isEqualTo(READ_TIME);
        assertThat(noSuchDay.getString("parse_error")).contains("timestamp");

        Struct wordPriority =
                parse(LogFormat.REGEX, null, "^<(?<pri>\\w+)> (?<message>.*)$", "<high> a word for a number");
        assertThat(wordPriority.getString("message")).isEqualTo("<high> a word for a number");
        assertThat(wordPriority.getString("parse_error")).isNotBlank();

        // java.util.regex recurses once per repetition of a group: a long line overflows the stack.
        String longLine = "ab".repeat(500_000);
        Struct deep = parse(LogFormat.REGEX, null, "^(?<message>(a|b)*)$", longLine);
        assertThat(deep.getString("message")).isEqualTo(longLine);
        assertThat(deep.getString("parse_error")).isNotBlank();
        for (Struct value : new Struct[] {beyondInstant, noSuchDay, wordPriority, deep}) {
            value.validate();
        }
    }

    @Test
    void timestampPatternsWithoutDateOrYear() {
        TimestampParser timeOnly = TimestampParser.forFormat("HH:mm:ss.SSS", UTC);
        assertThat(timeOnly.parse("01:02:03.004", READ_TIME)).isEqualTo(millis("2026-11-30T01:02:03.004Z"));
        TimestampParser noYear = TimestampParser.forFormat("MMM ppd HH:mm:ss", UTC);
        long newYear = millis("2027-01-01T00:00:10Z");
        assertThat(noYear.parse("Dec 31 23:59:59", newYear)).isEqualTo(millis("2026-12-31T23:59:59Z"));
        assertThat(TimestampParser.forFormat("epoch_seconds", UTC).parse("1795000000.5", 0))
                .isEqualTo(1_795_000_000_500L);
        assertThat(TimestampParser.forFormat("iso8601", ZoneId.of("Europe/Berlin"))
                        .parse("2026-07-01T12:00:00", 0))
                .isEqualTo(millis("2026-07-01T10:00:00Z"));
        assertThat(TimestampParser.forFormat("yyyy-MM-dd", UTC).parse("2026-02-03", 0))
                .isEqualTo(
                        LocalDate.of(2026, 2, 3).atStartOfDay(UTC).toInstant().toEpochMilli());
        assertThat(TimestampParser.forFormat("", UTC).parse("not a time", 0)).isNull();
    }

    /** The documented way to keep a file's events in one partition whatever their level (docs/log-file-source.md). */
    @Test
    void valueToKeyOnTheFileGivesEveryEventOfAFileOneKey() {
        LogRecordFactory factory = new LogRecordFactory(
                "logs",
                EventParser.of(LogFormat.REGEX, RegexPreset.KAFKA, null),
                TimestampParser.forFormat(RegexPreset.KAFKA.timestampFormat(), UTC),
                "INFO",
                "");
        try (ValueToKey<SourceRecord> fileKey = new ValueToKey<>()) {
            fileKey.configure(Map.of("fields", "file"));
            List<Object> keys = new ArrayList<>();
            for (String line : List.of(
                    "[2026-11-30 10:00:00,000] INFO starting (x.Y)", "[2026-11-30 10:00:01,000] ERROR failed (x.Y)")) {
                SourceRecord record = factory.record(
                        new LogEvent(line, 0, line.length() + 1, 1, 1, false),
                        Path.of("/l/a.log"),
                        READ_TIME,
                        Map.of("dev", 1L, "ino", 2L),
                        Map.of("position", 10L));
                keys.add(fileKey.apply(record).key());
            }
            assertThat(keys)
                    .hasSize(2)
                    .allSatisfy(
                            key -> assertThat(((Struct) key).getString("file")).isEqualTo("/l/a.log"));
            assertThat(keys.get(0)).isEqualTo(keys.get(1));
        }
    }
}
