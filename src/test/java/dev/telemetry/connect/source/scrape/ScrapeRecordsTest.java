package dev.telemetry.connect.source.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
