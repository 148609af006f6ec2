package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.telemetry.connect.schema.TelemetrySchemas;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Counter rates with resets, staleness, histogram quantiles and the mapping to the generator's field names. */
class DerivedValuesTest {

    private static final ExpositionParser PARSER = new ExpositionParser(ExpositionFormat.TEXT);

    @Test
    void ratesSinceThePreviousScrapeWithAResetCountingFromZero() {
        SeriesHistory history = new SeriesHistory();
        SeriesHistory.Changes first = history.advance(samples("""
                # TYPE req_total counter
                req_total{code="200"} 100
                req_total{code="500"} 50
                # TYPE temp gauge
                temp 3
                """), 10_000);
        assertThat(first.rates()).isEmpty();

        SeriesHistory.Changes second = history.advance(samples("""
                # TYPE req_total counter
                req_total{code="200"} 130
                req_total{code="500"} 20
                # TYPE temp gauge
                temp 1
                """), 25_000);
        assertThat(second.increases())
                .containsEntry("req_total{code=\"200\"}", 30.0)
                .containsEntry("req_total{code=\"500\"}", 20.0)
                .doesNotContainKey("temp");
        assertThat(second.rates())
                .containsEntry("req_total{code=\"200\"}", 2.0)
                .containsEntry("req_total{code=\"500\"}", 20.0 / 15);
        assertThat(second.stale()).isEmpty();
    }

    @Test
    void seriesThatDisappearAreStaleAndAFailedScrapeMakesAllStale() {
        SeriesHistory history = new SeriesHistory();
        history.advance(samples("a 1\nb 2\n"), 1_000);
        assertThat(history.advance(samples("a 1\n"), 2_000).stale())
                .extracting(Sample::seriesId)
                .containsExactly("b");
        assertThat(history.lost().stale()).extracting(Sample::seriesId).containsExactly("a");
        assertThat(history.advance(samples("# TYPE c counter\nc 5\n"), 3_000).rates())
                .isEmpty();
    }

    @Test
    void histogramQuantilesInterpolateInsideBucketsOverTheInterval() {
        SeriesHistory history = new SeriesHistory();
        history.advance(samples(histogram(0, 0, 0, 0)), 0);
        // 100 observations in the interval: 50 up to 0.1 s, 40 more up to 0.5 s, 8 more up to 1 s, 2 above.
        SeriesHistory.Changes changes = history.advance(samples(histogram(50, 90, 98, 100)), 10_000);
        Map<String, Double> quantiles =
                HistogramQuantiles.estimate(samples(histogram(50, 90, 98, 100)), changes.increases());
        assertThat(quantiles.get("lat_seconds{path=\"/\",quantile=\"0.5\"}")).isCloseTo(0.1, within(1e-9));
        assertThat(quantiles.get("lat_seconds{path=\"/\",quantile=\"0.95\"}"))
                .isCloseTo(0.5 + 0.5 * (95 - 90) / 8.0, within(1e-9));
        assertThat(quantiles.get("lat_seconds{path=\"/\",quantile=\"0.99\"}")).isEqualTo(1.0);
    }

    @Test
    void quantileEdgeCases() {
        TreeMap<Double, Double> empty = new TreeMap<>(Map.of(1.0, 0.0, Double.POSITIVE_INFINITY, 0.0));
        assertThat(HistogramQuantiles.quantile(0.5, empty)).isNaN();
        TreeMap<Double, Double> noInf = new TreeMap<>(Map.of(1.0, 5.0));
        assertThat(HistogramQuantiles.quantile(0.5, noInf)).isNaN();
        TreeMap<Double, Double> firstBucket = new TreeMap<>(Map.of(2.0, 10.0, Double.POSITIVE_INFINITY, 10.0));
        assertThat(HistogramQuantiles.quantile(0.5, firstBucket)).isEqualTo(1.0);
    }

    @Test
    void histogramWithoutAPreviousScrapeHasNoEstimate() {
        List<Sample> samples = samples(histogram(1, 2, 3, 4));
        SeriesHistory.Changes first = new SeriesHistory().advance(samples, 0);
        assertThat(HistogramQuantiles.estimate(samples, first.increases())).isEmpty();
    }

    @Test
    void mappingGivesTheGeneratorsFieldNames() {
        String before = """
                # TYPE app_http_request_duration_seconds histogram
                app_http_request_duration_seconds_bucket{le="+Inf"} 10
                app_http_request_duration_seconds_sum 5
                app_http_request_duration_seconds_count 10
                # TYPE mysql_global_status_queries counter
                mysql_global_status_queries 1000
                # TYPE mysql_global_status_slow_queries counter
                mysql_global_status_slow_queries 7
                """;
        String after = before.replace("le=\"+Inf\"} 10", "le=\"+Inf\"} 30")
                .replace("_sum 5", "_sum 65")
                .replace("_count 10", "_count 30")
                .replace("queries 1000", "queries 1400")
                .replace("slow_queries 7", "slow_queries 12");
        SeriesHistory history = new SeriesHistory();
        assertThat(GeneratorFieldMapping.map(
                        samples(before), history.advance(samples(before), 0).increases()))
                .isEmpty();
        Map<String, Object> fields = GeneratorFieldMapping.map(
                samples(after), history.advance(samples(after), 15_000).increases());
        assertThat(fields)
                .containsEntry(TelemetrySchemas.API_CALLS, 20L)
                .containsEntry(TelemetrySchemas.RESPONSE_TIME, 3000.0)
                .containsEntry(TelemetrySchemas.QUERIES, 400L)
                .containsEntry(TelemetrySchemas.SLOW_QUERIES, 5L);
    }

    @Test
    void requestCountersCountApiCallsWhenNoDurationHistogramExists() {
        String body =
                "# TYPE prometheus_http_requests_total counter\n" + "prometheus_http_requests_total{code=\"200\"} %d\n";
        SeriesHistory history = new SeriesHistory();
        history.advance(samples(body.formatted(5)), 0);
        List<Sample> later = samples(body.formatted(9));
        assertThat(GeneratorFieldMapping.map(
                        later, history.advance(later, 1_000).increases()))
                .containsOnly(Map.entry(TelemetrySchemas.API_CALLS, 4L));
    }

    private static String histogram(int le01, int le05, int le1, int inf) {
        return """
                # TYPE lat_seconds histogram
                lat_seconds_bucket{path="/",le="0.1"} %d
                lat_seconds_bucket{path="/",le="0.5"} %d
                lat_seconds_bucket{path="/",le="1"} %d
                lat_seconds_bucket{path="/",le="+Inf"} %d
                lat_seconds_sum{path="/"} 12
                lat_seconds_count{path="/"} %d
                """.formatted(le01, le05, le1, inf, inf);
    }

    private static List<Sample> samples(String body) {
        Exposition exposition = PARSER.parse(body);
        assertThat(exposition.badLines()).isEmpty();
        return exposition.samples();
    }
}
