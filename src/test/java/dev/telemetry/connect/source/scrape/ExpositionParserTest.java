package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpositionParserTest {

    private static final ExpositionParser TEXT = new ExpositionParser(ExpositionFormat.TEXT);
    private static final ExpositionParser OPENMETRICS = new ExpositionParser(ExpositionFormat.OPENMETRICS);

    @Test
    void everyTypeOfTheTextFormat() {
        Exposition exposition = TEXT.parse("""
                # HELP http_requests_total Requests served.
                # TYPE http_requests_total counter
                http_requests_total{method="get",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"} 3
                # TYPE temperature gauge
                temperature -4.5
                # TYPE latency_seconds histogram
                latency_seconds_bucket{le="0.1"} 2
                latency_seconds_bucket{le="+Inf"} 5
                latency_seconds_sum 1.5
                latency_seconds_count 5
                # TYPE rpc_seconds summary
                rpc_seconds{quantile="0.5"} 0.2
                rpc_seconds_sum 17
                rpc_seconds_count 80
                # TYPE thing untyped
                thing 1
                undeclared_metric 2
                """);

        assertThat(exposition.badLineCount()).isZero();
        Map<String, Sample> byId = exposition.samples().stream().collect(Collectors.toMap(Sample::seriesId, s -> s));
        Sample counter = byId.get("http_requests_total{code=\"200\",method=\"get\"}");
        assertThat(counter.type()).isEqualTo(MetricType.COUNTER);
        assertThat(counter.family()).isEqualTo("http_requests_total");
        assertThat(counter.value()).isEqualTo(1027.0);
        assertThat(counter.timestampMs()).isEqualTo(1395066363000L);
        assertThat(byId.get("http_requests_total{code=\"400\",method=\"post\"}").timestampMs())
                .isNull();
        assertThat(byId.get("temperature").type()).isEqualTo(MetricType.GAUGE);
        assertThat(byId.get("temperature").value()).isEqualTo(-4.5);
        assertThat(byId.get("latency_seconds_bucket{le=\"+Inf\"}").family()).isEqualTo("latency_seconds");
        assertThat(byId.get("latency_seconds_bucket{le=\"+Inf\"}").type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(byId.get("latency_seconds_sum").type()).isEqualTo(MetricType.HISTOGRAM);
        assertThat(byId.get("latency_seconds_count").value()).isEqualTo(5.0);
        assertThat(byId.get("rpc_seconds{quantile=\"0.5\"}").type()).isEqualTo(MetricType.SUMMARY);
        assertThat(byId.get("rpc_seconds_count").family()).isEqualTo("rpc_seconds");
        assertThat(byId.get("thing").type()).isEqualTo(MetricType.UNTYPED);
        assertThat(byId.get("undeclared_metric").type()).isEqualTo(MetricType.UNTYPED);
        assertThat(exposition.samples()).hasSize(12);
    }

    @Test
    void openMetricsFamiliesTimestampsInSecondsExemplarsAndEof() {
        Exposition exposition = OPENMETRICS.parse("""
                # TYPE http_requests counter
                # UNIT http_requests requests
                # HELP http_requests Requests.
                http_requests_total{path="/"} 10 1700000000.250 # {trace_id="abc"} 1 1700000000.1
                http_requests_created{path="/"} 1699999000
                # TYPE build info
                build_info{version="1.2"} 1
                # TYPE queue_size gaugehistogram
                queue_size_bucket{le="10"} 3
                queue_size_bucket{le="+Inf"} 4
                queue_size_gcount 4
                queue_size_gsum 21
                # TYPE feature stateset
                feature{feature="a"} 1
                # TYPE mystery unknown
                mystery 7
                # EOF
                """);

        assertThat(exposition.badLines()).isEmpty();
        Sample total = exposition.samples().get(0);
        assertThat(total.family()).isEqualTo("http_requests");
        assertThat(total.name()).isEqualTo("http_requests_total");
        assertThat(total.type()).isEqualTo(MetricType.COUNTER);
        assertThat(total.timestampMs()).isEqualTo(1_700_000_000_250L);
        assertThat(exposition.samples().get(1).family()).isEqualTo("http_requests");
        assertThat(exposition.samples())
                .extracting(Sample::type)
                .containsSubsequence(
                        MetricType.INFO, MetricType.GAUGEHISTOGRAM, MetricType.STATESET, MetricType.UNTYPED);
        assertThat(exposition.samples()).hasSize(9);
    }

    @Test
    void contentAfterEofIsABadLine() {
        Exposition exposition = OPENMETRICS.parse("a 1\n# EOF\nb 2\n");
        assertThat(exposition.samples()).extracting(Sample::name).containsExactly("a");
        assertThat(exposition.badLineCount()).isEqualTo(1);
        assertThat(exposition.badLines().get(0).reason()).isEqualTo("content after # EOF");
    }

    @Test
    void labelValuesUnescapeBackslashQuoteAndNewline() {
        Exposition exposition = TEXT.parse("msg{text=\"say \\\"hi\\\"\\nC:\\\\dir\",empty=\"\",} 1\n");
        Sample sample = exposition.samples().get(0);
        assertThat(sample.labels()).containsEntry("text", "say \"hi\"\nC:\\dir").containsEntry("empty", "");
        assertThat(sample.seriesId()).isEqualTo("msg{empty=\"\",text=\"say \\\"hi\\\"\\nC:\\\\dir\"}");
    }

    @Test
    void specialValues() {
        Exposition exposition = TEXT.parse("a NaN\nb +Inf\nc -Inf\nd Inf\ne 1e3\nf -0.5E-2\ng .5\n");
        assertThat(exposition.badLineCount()).isZero();
        assertThat(exposition.samples())
                .extracting(Sample::value)
                .containsExactly(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        1000.0,
                        -0.005,
                        0.5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "no_value",
                "bad value",
                "1metric 2",
                "m{l=unquoted} 1",
                "m{l=\"unterminated} 1",
                "m{l=\"x\" 1",
                "m{l=\"\\t\"} 1",
                "m{l=\"a\",l=\"b\"} 1",
                "m 1 12.5",
                "m 1 2 3",
                "m 1d",
                "m 0x10",
                "# TYPE m sparkline",
                "# TYPE m",
                "m 1 # {a=\"b\"} 1"
            })
    void malformedLinesAreCountedAndSkippedWithAReason(String badLine) {
        Exposition exposition = TEXT.parse("good_before 1\n" + badLine + "\ngood_after 2\n");
        assertThat(exposition.samples()).extracting(Sample::name).containsExactly("good_before", "good_after");
        assertThat(exposition.badLineCount()).isEqualTo(1);
        Exposition.BadLine bad = exposition.badLines().get(0);
        assertThat(bad.number()).isEqualTo(2);
        assertThat(bad.reason()).isNotBlank();
        assertThat(bad.excerpt()).isEqualTo(badLine);
    }

    @Test
    void onlyTheFirstBadLinesAreKeptButAllAreCounted() {
        String body = "x{\n".repeat(50) + "ok 1\n";
        Exposition exposition = TEXT.parse(body);
        assertThat(exposition.badLineCount()).isEqualTo(50);
        assertThat(exposition.badLines()).hasSize(ExpositionParser.KEPT_BAD_LINES);
        assertThat(exposition.samples()).hasSize(1);
    }

    @Test
    void malformedExemplarInOpenMetrics() {
        Exposition exposition = OPENMETRICS.parse("a_total 1 # trace 1\n# EOF\n");
        assertThat(exposition.badLineCount()).isEqualTo(1);
        assertThat(exposition.badLines().get(0).reason()).isEqualTo("malformed exemplar");
    }

    @Test
    void contentTypeChoosesTheFormat() {
        assertThat(ExpositionFormat.fromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.fromContentType("text/plain; version=0.0.4; charset=utf-8"))
                .isEqualTo(ExpositionFormat.TEXT);
        assertThat(ExpositionFormat.fromContentType(null)).isEqualTo(ExpositionFormat.TEXT);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"node-exporter-1.5.txt", "alertmanager-0.25.txt", "prometheus-2.42.txt", "jmx-exporter-1.0.1.txt"
            })
    void realBodiesParseWithoutABadLine(String fixture) throws IOException {
        String body = fixture(fixture);
        Exposition exposition = TEXT.parse(body);

        assertThat(exposition.badLines()).isEmpty();
        long sampleLines =
                body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertThat(exposition.samples()).hasSize((int) sampleLines);
        List<String> typed = body.lines()
                .filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2])
                .toList();
        assertThat(exposition.samples()).extracting(Sample::family).containsAll(typed);
        assertThat(exposition.samples())
                .filteredOn(s -> s.name().equals("go_gc_duration_seconds"))
                .allSatisfy(s -> {
                    assertThat(s.type()).isEqualTo(MetricType.SUMMARY);
                    assertThat(s.labels()).containsKey("quantile");
                });
        assertThat(exposition.samples())
                .filteredOn(s -> s.name().equals("go_gc_duration_seconds_count"))
                .hasSizeLessThanOrEqualTo(1)
                .allSatisfy(s -> assertThat(s.family()).isEqualTo("go_gc_duration_seconds"));
    }

    @Test
    void realNodeExporterBodyHasCountersPerCpuMode() throws IOException {
        Exposition exposition = TEXT.parse(fixture("node-exporter-1.5.txt"));
        assertThat(exposition.samples())
                .filteredOn(s -> s.name().equals("node_cpu_seconds_total"))
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.type()).isEqualTo(MetricType.COUNTER);
                    assertThat(s.labels()).containsKeys("cpu", "mode");
                    assertThat(s.value()).isGreaterThanOrEqualTo(0.0);
                });
    }

    @Test
    void realPrometheusBodyHasHistogramsWithInfBuckets() throws IOException {
        Exposition exposition = TEXT.parse(fixture("prometheus-2.42.txt"));
        List<Sample> buckets = exposition.samples().stream()
                .filter(s -> s.name().equals("prometheus_tsdb_compaction_chunk_range_seconds_bucket"))
                .toList();
        assertThat(buckets).isNotEmpty().allSatisfy(s -> {
            assertThat(s.type()).isEqualTo(MetricType.HISTOGRAM);
            assertThat(s.family()).isEqualTo("prometheus_tsdb_compaction_chunk_range_seconds");
        });
        assertThat(buckets).anySatisfy(s -> assertThat(s.labels()).containsEntry("le", "+Inf"));
    }

    /** The JMX exporter agent answers OpenMetrics when asked: # UNIT, info, unknown, counters without _total, # EOF. */
    @Test
    void realOpenMetricsBodyOfTheJmxExporterParsesWithoutABadLine() throws IOException {
        String body = fixture("jmx-exporter-1.0.1-openmetrics.txt");
        assertThat(body.strip()).endsWith("# EOF");
        Exposition exposition = OPENMETRICS.parse(body);

        assertThat(exposition.badLines()).isEmpty();
        long sampleLines =
                body.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        assertThat(exposition.samples()).hasSize((int) sampleLines);
        assertThat(exposition.samples())
                .filteredOn(s -> s.name().equals("jvm_threads_started_total"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.family()).isEqualTo("jvm_threads_started");
                    assertThat(s.type()).isEqualTo(MetricType.COUNTER);
                });
        assertThat(exposition.samples())
                .filteredOn(s -> s.name().equals("jvm_runtime_info"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.family()).isEqualTo("jvm_runtime");
                    assertThat(s.type()).isEqualTo(MetricType.INFO);
                    assertThat(s.labels()).containsKeys("runtime", "vendor", "version");
                });
        assertThat(exposition.samples())
                .extracting(Sample::type)
                .contains(MetricType.UNTYPED, MetricType.GAUGE, MetricType.SUMMARY);
        Exposition sameExporterAsText = TEXT.parse(fixture("jmx-exporter-1.0.1.txt"));
        assertThat(sameExporterAsText.samples()).extracting(Sample::name).contains("jvm_threads_started_total");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = ExpositionParserTest.class.getResourceAsStream("/scrape/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
