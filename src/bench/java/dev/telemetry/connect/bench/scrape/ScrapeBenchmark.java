package dev.telemetry.connect.bench.scrape;

import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.source.scrape.Exposition;
import dev.telemetry.connect.source.scrape.ExpositionFormat;
import dev.telemetry.connect.source.scrape.ExpositionParser;
import dev.telemetry.connect.source.scrape.GeneratorFieldMapping;
import dev.telemetry.connect.source.scrape.HistogramQuantiles;
import dev.telemetry.connect.source.scrape.ScrapeOutcome;
import dev.telemetry.connect.source.scrape.ScrapeRecords;
import dev.telemetry.connect.source.scrape.ScrapeTarget;
import dev.telemetry.connect.source.scrape.SeriesHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one scrape body, without the network: node_exporter 1.5's real /metrics (57 KB, ~1,000 samples) and
 * Prometheus 2.42's (38 KB, histograms). Baseline: splitting the body into lines, the floor of any line parser.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScrapeBenchmark {

    private String nodeBody;
    private String prometheusBody;
    private ExpositionParser parser;
    private SeriesHistory history;
    private ScrapeRecords records;
    private JsonConverter json;
    private ScrapeTarget target;
    private long scrapeTime;

    @Setup
    public void setUp() {
        nodeBody = fixture("node-exporter-1.5.txt");
        prometheusBody = fixture("prometheus-2.42.txt");
        parser = new ExpositionParser(ExpositionFormat.TEXT);
        history = new SeriesHistory();
        records = new ScrapeRecords("raw_data", false, 512 * 1024);
        json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        target = new ScrapeTarget(
                "node",
                URI.create("http://127.0.0.1:9100/metrics"),
                "host",
                Map.of(),
                15_000,
                10_000,
                null,
                TlsStores.DEFAULT,
                null,
                null);
        scrapeTime = 1_700_000_000_000L;
        history.advance(parser.parse(nodeBody).samples(), scrapeTime);
    }

    @Benchmark
    public void splitLinesBaseline(Blackhole sink) {
        sink.consume(nodeBody.split("\n", -1));
    }

    @Benchmark
    public void parseNodeExporter(Blackhole sink) {
        sink.consume(parser.parse(nodeBody));
    }

    @Benchmark
    public void parsePrometheus(Blackhole sink) {
        sink.consume(parser.parse(prometheusBody));
    }

    /** Parse, rates against the previous scrape, quantiles, mapping, the snapshot record and its JSON bytes. */
    @Benchmark
    public void nodeExporterSnapshotToJson(Blackhole sink) {
        scrapeTime += 15_000;
        Exposition exposition = parser.parse(nodeBody);
        SeriesHistory.Changes changes = history.advance(exposition.samples(), scrapeTime);
        ScrapeOutcome outcome = new ScrapeOutcome(
                target,
                scrapeTime,
                0.01,
                null,
                exposition.samples(),
                exposition.badLineCount(),
                changes,
                HistogramQuantiles.estimate(exposition.samples(), changes.increases()),
                GeneratorFieldMapping.map(exposition.samples(), changes.increases()));
        List<SourceRecord> built = records.records(outcome);
        SourceRecord record = built.get(0);
        sink.consume(json.fromConnectData("raw_data", record.valueSchema(), record.value()));
    }

    static String fixture(String name) {
        try (InputStream in = ScrapeBenchmark.class.getResourceAsStream("/scrape/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource /scrape/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
