package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated expositions, written in either format, parse back to exactly the samples they were written from; any
 * text at all parses without an exception, every line either a sample, a comment or a counted bad line.
 */
class ExpositionParserPropertiesTest {

    /** A sample as the generator writes it. */
    record Written(String name, SortedMap<String, String> labels, double value, Long timestampMs) {}

    @Provide
    Arbitrary<List<Written>> expositions() {
        Arbitrary<String> names = Arbitraries.strings()
                .withChars("abcxyz_:")
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(n -> !n.startsWith(":"))
                .map(n -> "m" + n);
        Arbitrary<String> labelValues =
                Arbitraries.strings().withChars("ab \"\\\n{},=#é").ofMaxLength(10);
        Arbitrary<SortedMap<String, String>> labels = Arbitraries.maps(
                        Arbitraries.strings()
                                .withChars("abc_")
                                .ofMinLength(1)
                                .ofMaxLength(5)
                                .map(n -> "l" + n),
                        labelValues)
                .ofMaxSize(3)
                .map(TreeMap::new);
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e12, 1e12),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1e-300));
        Arbitrary<Long> timestamps =
                Arbitraries.longs().between(0, 4_000_000_000_000L).injectNull(0.5);
        return Combinators.combine(names, labels, values, timestamps)
                .as(Written::new)
                .list()
                .ofMaxSize(20);
    }

    @Property(tries = 500)
    void textFormatRoundTrips(@ForAll("expositions") List<Written> written) {
        StringBuilder body = new StringBuilder("# HELP ignored some help text\n");
        for (Written sample : written) {
            body.append(line(sample)).append(' ').append(text(sample.value()));
            if (sample.timestampMs() != null) {
                body.append(' ').append(sample.timestampMs());
            }
            body.append('\n');
        }
        assertRoundTrip(new ExpositionParser(ExpositionFormat.TEXT).parse(body.toString()), written);
    }

    @Property(tries = 500)
    void openMetricsRoundTrips(@ForAll("expositions") List<Written> written) {
        StringBuilder body = new StringBuilder();
        for (Written sample : written) {
            body.append(line(sample)).append(' ').append(text(sample.value()));
            if (sample.timestampMs() != null) {
                body.append(' ')
                        .append(sample.timestampMs() / 1000)
                        .append('.')
                        .append(String.format(Locale.ROOT, "%03d", sample.timestampMs() % 1000));
            }
            if (sample.labels().size() == 1) {
                body.append(" # {trace_id=\"t\"} 1.0");
            }
            body.append('\n');
        }
        body.append("# EOF\n");
        assertRoundTrip(new ExpositionParser(ExpositionFormat.OPENMETRICS).parse(body.toString()), written);
    }

    @Property(tries = 1000)
    void anyTextParsesWithoutThrowing(@ForAll String text) {
        Exposition exposition = new ExpositionParser(ExpositionFormat.TEXT).parse(text);
        long lines = text.split("\n", -1).length;
        assertThat(exposition.samples().size() + exposition.badLineCount()).isLessThanOrEqualTo((int) lines);
    }

    private static void assertRoundTrip(Exposition exposition, List<Written> written) {
        assertThat(exposition.badLines()).isEmpty();
        List<Written> parsed = new ArrayList<>();
        for (Sample sample : exposition.samples()) {
            parsed.add(
                    new Written(sample.name(), new TreeMap<>(sample.labels()), sample.value(), sample.timestampMs()));
        }
        // Record equality compares doubles with Double.compare, so NaN equals NaN here.
        assertThat(parsed).isEqualTo(written);
    }

    private static String line(Written sample) {
        StringBuilder line = new StringBuilder(sample.name());
        if (!sample.labels().isEmpty()) {
            line.append('{');
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                line.append(label.getKey())
                        .append("=\"")
                        .append(Sample.escape(label.getValue()))
                        .append("\",");
            }
            line.setLength(line.length() - 1);
            line.append('}');
        }
        return line.toString();
    }

    private static String text(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }
}
