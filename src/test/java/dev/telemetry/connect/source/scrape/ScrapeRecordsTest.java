package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.telemetry.connect.common.http.TlsStores;
import dev.telemetry.connect.schema.TelemetrySchemas;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The size estimate that keeps scrape records under the producer's limit. */
class ScrapeRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJsonLengthOfATextIsWhatJacksonWritesOrMore() throws Exception {
        for (String text :
                List.of("plain_name", "quote \" and \\ backslash", "tab\tnew\nline\u0001", "é ü", "€ 中", "emoji 😀")) {
            int written = JSON.writeValueAsString(text).getBytes(StandardCharsets.UTF_8).length - 2;
            assertThat(ScrapeRecords.jsonLength(text)).as(text).isGreaterThanOrEqualTo(written);
        }
        assertThat(ScrapeRecords.jsonLength("a\"b")).isEqualTo(4);
        assertThat(ScrapeRecords.jsonLength("€")).isEqualTo(3);
        assertThat(ScrapeRecords.jsonLength("😀")).isEqualTo(4);
    }

    @Test
    void theSeriesLengthIsThatOfItsIdWithoutBuildingIt() {
        String exposition = "plain 1\n"
                + "with{a=\"1\",path=\"C:\\\\temp\",quoted=\"say \\\"hi\\\"\",multi=\"one\\ntwo\",utf=\"é€\"} 2\n";
        for (Sample sample :
                new ExpositionParser(ExpositionFormat.TEXT).parse(exposition).samples()) {
            assertThat(ScrapeRecords.seriesJsonLength(sample))
                    .as(sample.seriesId())
                    .isEqualTo(ScrapeRecords.jsonLength(sample.seriesId()));
        }
    }

    @Test
    void onlyTheFirstPartOfASplitSnapshotCarriesTheMappedFields() {
        StringBuilder exposition = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            exposition
                    .append("series_")
                    .append(i)
                    .append("{pod=\"pod-")
                    .append(i)
                    .append("\"} 1\n");
        }
        List<Sample> samples = new ExpositionParser(ExpositionFormat.TEXT)
                .parse(exposition.toString())
                .samples();
        ScrapeTarget target = new ScrapeTarget(
                "t",
                URI.create("http://127.0.0.1:1/metrics"),
                "t",
                Map.of(),
                15_000,
                10_000,
                null,
                TlsStores.DEFAULT,
                null,
                null);
        ScrapeOutcome outcome = new ScrapeOutcome(
                target,
                1_700_000_000_000L,
                0.1,
                null,
                samples,
                0,
                new SeriesHistory.Changes(Map.of(), Map.of(), List.of()),
                Map.of(),
                Map.of(TelemetrySchemas.API_CALLS, 42L));

        List<SourceRecord> parts = new ScrapeRecords("raw_data", false, 64 * 1024).records(outcome);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(((Struct) parts.get(0).value()).getInt64(TelemetrySchemas.API_CALLS))
                .isEqualTo(42L);
        assertThat(parts.subList(1, parts.size()))
                .allSatisfy(part -> assertThat(((Struct) part.value()).get(TelemetrySchemas.API_CALLS))
                        .isNull());
    }
}
