package dev.telemetry.connect.sink.config;

import dev.telemetry.connect.common.record.ValueText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A text with {@code ${field.path}} placeholders, parsed once at start-up. {@code ${path:-fallback}} gives a fallback
 * for a missing value; {@code $$} is a literal dollar sign.
 */
public final class AlertTemplate {

    private final String source;
    private final List<Segment> segments;

    private AlertTemplate(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** Parses a template; throws {@link IllegalArgumentException} naming the position of a malformed placeholder. */
    public static AlertTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "Unclosed placeholder starting at position " + i + " in '" + text + "'");
                }
                String body = text.substring(i + 2, end);
                int fallbackAt = body.indexOf(":-");
                String path = (fallbackAt < 0 ? body : body.substring(0, fallbackAt)).trim();
                if (path.isEmpty()) {
                    throw new IllegalArgumentException("Empty placeholder at position " + i + " in '" + text + "'");
                }
                if (literal.length() > 0) {
                    segments.add(new Segment(literal.toString(), null, null));
                    literal.setLength(0);
                }
                segments.add(new Segment(null, path, fallbackAt < 0 ? "" : body.substring(fallbackAt + 2)));
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            segments.add(new Segment(literal.toString(), null, null));
        }
        return new AlertTemplate(text, List.copyOf(segments));
    }

    /** Fills the placeholders; {@code lookup} returns {@code null} for a missing path. */
    public String render(Function<String, Object> lookup) {
        return render(lookup, UnaryOperator.identity());
    }

    /**
     * Fills the placeholders of a link: every value from a record is percent-encoded (RFC 3986 unreserved characters
     * kept), so a value can neither change the link's structure nor break out of a chat link's markup.
     */
    public String renderLink(Function<String, Object> lookup) {
        return render(lookup, AlertTemplate::percentEncoded);
    }

    private String render(Function<String, Object> lookup, UnaryOperator<String> encodeValue) {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (s.literal != null) {
                out.append(s.literal);
            } else {
                Object value = lookup.apply(s.path);
                out.append(value == null ? s.fallback : encodeValue.apply(ValueText.display(value)));
            }
        }
        return out.toString();
    }

    static String percentEncoded(String value) {
        // URLEncoder writes form encoding: a space becomes '+', and '*' and '~' are treated differently from RFC 3986.
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return source;
    }

    private static final class Segment {
        final String literal;
        final String path;
        final String fallback;

        Segment(String literal, String path, String fallback) {
            this.literal = literal;
            this.path = path;
            this.fallback = fallback;
        }
    }
}
