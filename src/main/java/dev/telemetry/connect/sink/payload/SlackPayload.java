package dev.telemetry.connect.sink.payload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.telemetry.connect.common.record.Json;
import dev.telemetry.connect.sink.alert.Alert;
import dev.telemetry.connect.sink.alert.Notification;
import java.util.Locale;

/**
 * One Slack incoming-webhook message for one alert: a plain {@code text} fallback (notifications, old clients) and
 * Block Kit {@code blocks} with the severity, summary, source, time, count and link. An incident notification says
 * FIRING, STILL FIRING, ESCALATED or RESOLVED first (a resolved one with a check mark), its count, first and last
 * seen, and the incident id and stream positions.
 */
public final class SlackPayload {

    private static final int SECTION_TEXT_LIMIT = 3000;

    private SlackPayload() {}

    public static byte[] body(Alert alert) {
        ObjectNode message = Json.object();
        Notification notification = alert.notification();
        String state = notification == null ? "" : stateWord(notification) + " ";
        message.put(
                "text",
                emoji(alert) + " " + state + "[" + alert.severity().wireName().toUpperCase(Locale.ROOT) + "] "
                        + escape(alert.summary()) + " (" + escape(alert.source()) + ")");
        ArrayNode blocks = message.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("emoji", true)
                .put("text", limit(emoji(alert) + " " + state + alert.summary(), 150));

        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text")
                .put("type", "mrkdwn")
                .put("text", limit(escape(alert.description()), SECTION_TEXT_LIMIT));
        ArrayNode fields = section.putArray("fields");
        field(fields, "Severity", alert.severity().wireName());
        field(fields, "Category", alert.category());
        field(fields, "Source", alert.source());
        field(fields, "Time", alert.eventTime().toString());
        if (notification != null) {
            field(fields, "Count", String.valueOf(notification.count()));
            field(fields, "First seen", notification.firstSeen().toString());
            field(fields, "Last seen", notification.lastSeen().toString());
            if (notification.kind() == Notification.Kind.RESOLVED) {
                field(fields, "Resolved at", notification.endsAt().toString());
            }
        } else if (alert.occurrences() > 1) {
            field(fields, "Occurrences", alert.occurrences() + " (last at " + alert.lastEventTime() + ")");
        }

        ObjectNode context = blocks.addObject().put("type", "context");
        ArrayNode elements = context.putArray("elements");
        String contextText = notification == null
                ? "alert `" + escape(alert.id()) + "`"
                : "incident `" + escape(notification.incident()) + "` · "
                        + notification.kind().wireName() + " `"
                        + escape(alert.id()) + "` · " + escape(notification.topic()) + "/" + notification.partition()
                        + " offsets " + notification.firstOffset() + "-" + notification.lastOffset();
        if (alert.link() != null) {
            contextText += " · <" + linkTarget(alert.link()) + "|open>";
        }
        elements.addObject().put("type", "mrkdwn").put("text", contextText);
        return Json.bytes(message);
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + escape(value));
    }

    /** A resolved message is marked at its start, where Slack's notification and the channel list show it. */
    private static String stateWord(Notification notification) {
        return switch (notification.kind()) {
            case FIRING -> "FIRING";
            case REPEAT -> "STILL FIRING";
            case ESCALATION -> "ESCALATED";
            case RESOLVED -> "RESOLVED";
        };
    }

    private static String emoji(Alert alert) {
        if (alert.notification() != null && alert.notification().kind() == Notification.Kind.RESOLVED) {
            return ":white_check_mark:";
        }
        return switch (alert.severity()) {
            case CRITICAL -> ":red_circle:";
            case WARNING -> ":warning:";
            case INFO -> ":information_source:";
        };
    }

    /**
     * Slack's mrkdwn treats these three as control characters ({@code <!here>}, {@code <@U123>}, {@code <url|text>});
     * escaped, a record's text can never mention anyone or forge a link. Slack asks for exactly these three escapes.
     */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A URL inside {@code <url|text>}: escaped like text, and a '|' would end the URL, so it is percent-encoded. */
    static String linkTarget(String url) {
        return escape(url).replace("|", "%7C");
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
