package dev.telemetry.pipeline;

import static dev.telemetry.pipeline.Notifications.firing;
import static dev.telemetry.pipeline.Notifications.line;
import static dev.telemetry.pipeline.Notifications.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentLedgerTest {

    private static final Map<String, String> CHECKOUT = keyOf("category", "alert", "source", "checkout");
    private static final Map<String, String> SLOW_GROUP = Map.of("source", "group:connect-slow-sink");

    private final IncidentLedger ledger = new IncidentLedger();

    private static Map<String, String> keyOf(String... fieldsAndValues) {
        Map<String, String> key = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            key.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return key;
    }

    @Test
    void countsEachKindOnceAndTellsOpenFromResolvedIncidents() throws IOException {
        assertThat(ledger.add(firing("logs", 0, 3, 3, 1, CHECKOUT)))
                .isEqualTo("FIRING     logs-0-3/firing category=alert,source=checkout critical, 1 record");
        ledger.add(line("repeat", "repeat-1", "logs", 0, 3, 9, 5, "critical", CHECKOUT));
        ledger.add(line("escalation", "escalation-1", "logs", 0, 3, 10, 6, "critical", CHECKOUT));
        ledger.add(firing("kafka_health", 0, 1, 1, 1, SLOW_GROUP));
        assertThat(ledger.add(resolved("logs", 0, 3, 12, 7, CHECKOUT)))
                .isEqualTo("RESOLVED   logs-0-3/resolved category=alert,source=checkout critical, 7 records");

        assertThat(ledger.count("firing")).isEqualTo(2);
        assertThat(ledger.count("repeat")).isEqualTo(1);
        assertThat(ledger.count("escalation")).isEqualTo(1);
        assertThat(ledger.count("resolved")).isEqualTo(1);
        assertThat(ledger.open()).isEqualTo(1);
        assertThat(ledger.violations()).isEmpty();
        assertThat(ledger.counts()).isEqualTo("incidents opened 2, repeated 1, escalated 1, resolved 1, open 1");

        IncidentLedger.Incident checkout = ledger.incidents().iterator().next();
        assertThat(checkout.id).isEqualTo("logs-0-3");
        assertThat(checkout.firstOffset).isEqualTo(3);
        assertThat(checkout.lastOffset).isEqualTo(12);
        assertThat(checkout.count).isEqualTo(7);
        assertThat(checkout.key).containsExactly(Map.entry("category", "alert"), Map.entry("source", "checkout"));
        assertThat(ledger.firedAndResolvedByKey())
                .containsOnlyKeys("category=alert,source=checkout", "source=group:connect-slow-sink");
        assertThat(ledger.firedAndResolvedByKey().get("category=alert,source=checkout"))
                .containsExactly(1, 1);
        assertThat(ledger.firedAndResolvedByKey().get("source=group:connect-slow-sink"))
                .containsExactly(1, 0);
    }

    @Test
    void aReSendOfTheSameLineIsCountedAndOneWithOtherContentIsAViolation() throws IOException {
        String firstSend = resolved("logs", 0, 3, 12, 7, CHECKOUT);
        ledger.add(firing("logs", 0, 3, 3, 1, CHECKOUT));
        ledger.add(firstSend);
        assertThat(ledger.add(firstSend)).isEqualTo("SENT AGAIN logs-0-3/resolved");
        assertThat(ledger.violations()).isEmpty();

        ledger.add(resolved("logs", 0, 3, 13, 8, CHECKOUT));
        assertThat(ledger.resent()).isEqualTo(2);
        assertThat(ledger.violations()).containsExactly("notification logs-0-3/resolved sent again with other content");
        // A re-send is not another notification of its kind, and does not move the incident's offsets.
        assertThat(ledger.count("resolved")).isEqualTo(1);
        assertThat(ledger.incidents().iterator().next().lastOffset).isEqualTo(12);
        assertThat(ledger.counts()).endsWith(", notifications re-sent with their id 2");
    }

    @Test
    void aResolvedRepeatOrEscalationBeforeItsFiringIsAViolation() throws IOException {
        ledger.add(resolved("logs", 0, 3, 12, 7, CHECKOUT));
        ledger.add(line("repeat", "repeat-1", "logs", 1, 5, 9, 5, "critical", CHECKOUT));
        ledger.add(firing("logs", 0, 3, 3, 1, CHECKOUT));

        assertThat(ledger.violations())
                .containsExactly(
                        "resolved logs-0-3/resolved delivered before its firing",
                        "repeat logs-1-5/repeat-1 delivered before its firing");
        // Neither is open: the first resolved once its late firing came, the second never fired as far as it knows.
        assertThat(ledger.open()).isZero();
    }

    @Test
    void aPlainAlertLineIsCountedApartFromTheIncidents() throws IOException {
        assertThat(ledger.add("{\"id\":\"logs-0-7\",\"severity\":\"critical\",\"summary\":\"boom\"}"))
                .isNull();
        assertThat(ledger.singleAlerts()).isEqualTo(1);
        assertThat(ledger.incidents()).isEmpty();
        assertThat(ledger.counts()).isEqualTo("incidents opened 0, repeated 0, escalated 0, resolved 0, open 0");
    }
}
