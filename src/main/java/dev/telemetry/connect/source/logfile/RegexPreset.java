package dev.telemetry.connect.source.logfile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Built-in patterns for common log layouts. Each is matched against the first line of an event; the lines after it
 * (a stack trace grouped by multiline) are appended to the message.
 */
enum RegexPreset {

    /** Logback's and Log4j 2's default layout: {@code %d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n}. */
    LOGBACK(
            "logback",
            "^(?<timestamp>\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) \\[(?<thread>[^\\]]*)\\] (?<level>[A-Za-z]+)\\s+"
                    + "(?<logger>\\S+) - (?<message>.*)$",
            "HH:mm:ss.SSS"),
    /** The usual Log4j file layout: {@code %d{ISO8601} %-5p [%t] %c - %m%n} ({@code ,} or {@code .} before millis). */
    LOG4J(
            "log4j",
            "^(?<timestamp>\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}[,.]\\d{3})\\s+(?<level>[A-Za-z]+)\\s+"
                    + "\\[(?<thread>[^\\]]*)\\]\\s+(?<logger>\\S+)\\s+-\\s(?<message>.*)$",
            "yyyy-MM-dd[ ]['T']HH:mm:ss[,][.]SSS"),
    /** Kafka's own log4j layout (brokers and Connect workers): {@code [%d] %p %m (%c)%n}. */
    KAFKA(
            "kafka",
            "^\\[(?<timestamp>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3})\\] (?<level>[A-Z]+) "
                    + "(?<message>.*?)(?: \\((?<logger>[^()\\s]+)\\))?$",
            "yyyy-MM-dd HH:mm:ss,SSS"),
    /** Spring Boot's default console/file layout. */
    SPRING_BOOT(
            "spring-boot",
            "^(?<timestamp>\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(?:Z|[+-]\\d{2}:?\\d{2})?)\\s+"
                    + "(?<level>[A-Z]+)\\s+(?<pid>\\d+)\\s+---\\s+(?:\\[(?<application>[^\\]]*)\\]\\s+)?"
                    + "\\[\\s*(?<thread>[^\\]]*)\\]\\s+(?<logger>\\S+)\\s+:\\s(?<message>.*)$",
            ""),
    /** nginx's default {@code combined} access log; the level follows the status (5xx ERROR, 4xx WARNING). */
    NGINX("nginx", accessLog(), "dd/MMM/yyyy:HH:mm:ss Z"),
    /** Apache httpd's common and combined access logs; the level follows the status. */
    APACHE("apache", accessLog(), "dd/MMM/yyyy:HH:mm:ss Z"),
    /** BSD syslog (RFC 3164) as written by rsyslog and syslog-ng to files; the priority, if present, sets the level. */
    SYSLOG_RFC3164(
            "syslog-rfc3164",
            "^(?:<(?<pri>\\d{1,3})>)?(?<timestamp>[A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}) (?<host>\\S+) "
                    + "(?<service>[^:\\[\\s]+)(?:\\[(?<pid>[^\\]]+)\\])?: ?(?<message>.*)$",
            "MMM ppd HH:mm:ss"),
    /** Syslog (RFC 5424); the priority sets the level; '-' (nil) values are left out. */
    SYSLOG_RFC5424(
            "syslog-rfc5424",
            "^<(?<pri>\\d{1,3})>1 (?<timestamp>\\S+) (?<host>\\S+) (?<service>\\S+) (?<procid>\\S+) (?<msgid>\\S+) "
                    + "(?<structured>-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+)(?: (?<message>.*))?$",
            TimestampParser.ISO8601);

    public static final List<String> NAMES =
            Arrays.stream(values()).map(RegexPreset::wireName).toList();

    private final String wireName;
    private final Pattern pattern;
    private final String timestampFormat;

    RegexPreset(String wireName, String regex, String timestampFormat) {
        this.wireName = wireName;
        this.pattern = Pattern.compile(regex);
        this.timestampFormat = timestampFormat;
    }

    private static String accessLog() {
        return "^(?<client>\\S+) \\S+ (?<user>\\S+) \\[(?<timestamp>[^\\]]+)\\] "
                + "\"(?:(?<method>[A-Z]+) (?<endpoint>\\S+)(?: (?<protocol>[^\"]*))?|[^\"]*)\" "
                + "(?<status>\\d{3}) (?<bytes>\\d+|-)(?: \"(?<referer>[^\"]*)\" \"(?<agent>[^\"]*)\")?.*$";
    }

    public String wireName() {
        return wireName;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The format of the preset's timestamp group, for an empty timestamp.format. */
    public String timestampFormat() {
        return timestampFormat;
    }

    /** Whether the level comes from an HTTP status group. */
    boolean levelFromStatus() {
        return this == NGINX || this == APACHE;
    }

    public static RegexPreset parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (RegexPreset preset : values()) {
            if (preset.wireName.equals(key)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("Unknown preset '" + name + "'; known: " + NAMES);
    }
}
