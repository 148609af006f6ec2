package dev.telemetry.pipeline;

import static dev.telemetry.pipeline.Notifications.firing;
import static dev.telemetry.pipeline.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentCoverageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CHECKOUT = Map.of("category", "alert", "source", "checkout");
    private static final Map<String, String> SEARCH = Map.of("category", "alert", "source", "search");

    private final IncidentLedger ledger = new IncidentLedger();
    private final IncidentCoverage coverage = new IncidentCoverage(List.of("category", "source"));

    private static JsonNode record(String service) {
        return JSON.createObjectNode().put("category", "alert").put("service", service);
    }

    private void deliver(String... lines) throws IOException {
        for (String line : lines) {
            ledger.add(line);
        }
    }

    @Test
    void everyRecordInExactlyOneResolvedIncidentOfItsKeyAndPartitionHolds() throws IOException {
        coverage.add("logs", 0, 3, record("checkout"));
        coverage.add("logs", 0, 5, record("checkout"));
        coverage.add("logs", 0, 4, record("search"));
        coverage.add("logs", 0, 9, record("checkout"));
        deliver(
                firing("logs", 0, 3, 3, 1, CHECKOUT),
                firing("logs", 0, 4, 4, 1, SEARCH),
                resolved("logs", 0, 3, 5, 2, CHECKOUT),
                resolved("logs", 0, 4, 4, 1, SEARCH),
                firing("logs", 0, 9, 9, 1, CHECKOUT),
                resolved("logs", 0, 9, 9, 1, CHECKOUT));

        IncidentCoverage.Result result = coverage.check(ledger);
        assertThat(result.line())
                .isEqualTo("4 alert-worthy records, 4 in exactly one delivered incident, 0 in none, 0 incidents "
                        + "overlapping another of their key, 0 opened on no alert-worthy record, 0 still open");
        assertThat(result.complete()).isTrue();
        assertThat(result.examples()).isEmpty();
    }

    @Test
    void aRecordAfterItsKeysResolvedIncidentOrOfAnotherPartitionIsInNone() throws IOException {
        coverage.add("logs", 0, 3, record("checkout"));
        coverage.add("logs", 0, 7, record("checkout"));
        // The same key in another partition is another incident, which was never delivered.
        coverage.add("logs", 1, 3, record("checkout"));
        deliver(firing("logs", 0, 3, 3, 1, CHECKOUT), resolved("logs", 0, 3, 5, 1, CHECKOUT));

        IncidentCoverage.Result result = coverage.check(ledger);
        assertThat(result.covered()).isEqualTo(1);
        assertThat(result.uncovered()).isEqualTo(2);
        assertThat(result.holds()).isFalse();
        assertThat(result.examples())
                .containsExactly(
                        "record logs-0-7 [alert, checkout] is in no delivered incident",
                        "record logs-1-3 [alert, checkout] is in no delivered incident");
    }

    @Test
    void twoIncidentsOfOneKeyHoldingTheSameRecordOverlap() throws IOException {
        coverage.add("logs", 0, 3, record("checkout"));
        coverage.add("logs", 0, 6, record("checkout"));
        // The first incident covers offsets 3 to 8, so the record at 6 is in it and in the second one.
        deliver(
                firing("logs", 0, 3, 3, 1, CHECKOUT),
                firing("logs", 0, 6, 6, 1, CHECKOUT),
                resolved("logs", 0, 3, 8, 2, CHECKOUT),
                resolved("logs", 0, 6, 6, 1, CHECKOUT));

        IncidentCoverage.Result result = coverage.check(ledger);
        assertThat(result.overlapping()).isEqualTo(1);
        assertThat(result.holds()).isFalse();
        assertThat(result.examples()).containsExactly("incident logs-0-6 overlaps logs-0-3");
    }

    @Test
    void anIncidentThatOpensOnNoAlertWorthyRecordIsInvented() throws IOException {
        coverage.add("logs", 0, 4, record("checkout"));
        deliver(firing("logs", 0, 3, 3, 1, CHECKOUT), resolved("logs", 0, 3, 4, 2, CHECKOUT));

        IncidentCoverage.Result result = coverage.check(ledger);
        assertThat(result.covered()).isEqualTo(1);
        assertThat(result.invented()).isEqualTo(1);
        assertThat(result.examples()).containsExactly("incident logs-0-3 opens on no alert-worthy record of its key");
    }

    @Test
    void anOpenIncidentCoversItsLaterRecordsButLeavesTheCheckIncomplete() throws IOException {
        coverage.add("logs", 0, 3, record("checkout"));
        coverage.add("logs", 0, 40, record("checkout"));
        deliver(firing("logs", 0, 3, 3, 1, CHECKOUT));

        IncidentCoverage.Result result = coverage.check(ledger);
        assertThat(result.covered()).isEqualTo(2);
        assertThat(result.open()).isEqualTo(1);
        assertThat(result.holds()).isTrue();
        assertThat(result.complete()).isFalse();
    }

    @Test
    void theSourceKeyIsReadAsTheSinkReadsIt() throws IOException {
        IncidentCoverage bySource = new IncidentCoverage(List.of("source"));
        bySource.add("logs", 0, 1, JSON.createObjectNode().put("source", "node-1"));
        bySource.add("logs", 0, 2, JSON.createObjectNode().put("stream", "checkout-stream"));
        // No service, source or stream: the topic, the sink's source.fields default.
        bySource.add("logs", 0, 3, JSON.createObjectNode().put("service", " "));
        deliver(
                firing("logs", 0, 1, 1, 1, Map.of("source", "node-1")),
                resolved("logs", 0, 1, 1, 1, Map.of("source", "node-1")),
                firing("logs", 0, 2, 2, 1, Map.of("source", "checkout-stream")),
                resolved("logs", 0, 2, 2, 1, Map.of("source", "checkout-stream")),
                firing("logs", 0, 3, 3, 1, Map.of("source", "logs")),
                resolved("logs", 0, 3, 3, 1, Map.of("source", "logs")));

        assertThat(bySource.check(ledger).complete()).isTrue();
    }
}
