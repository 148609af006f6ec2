package dev.telemetry.connect.source.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.schema.TelemetryStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TelemetryGeneratorTest {

    private static final long TIME = 1_764_000_000_000L;
    private final TelemetryGenerator generator = new TelemetryGenerator(42, 0.05);

    @ParameterizedTest
    @EnumSource(TelemetryStream.class)
    void sameSeedAndSequenceGiveTheSameRecord(TelemetryStream stream) {
        TelemetryGenerator other = new TelemetryGenerator(42, 0.05);
        for (long seq : new long[] {0, 1, 7, 8, 999, 123_456_789L}) {
            assertThat(other.generate(stream, seq, TIME)).isEqualTo(generator.generate(stream, seq, TIME));
        }
    }

    @ParameterizedTest
    @EnumSource(TelemetryStream.class)
    void recordsDoNotDependOnGenerationOrder(TelemetryStream stream) {
        List<GeneratedRecord> forward = new ArrayList<>();
        for (long seq = 0; seq < 50; seq++) {
            forward.add(generator.generate(stream, seq, TIME));
        }
        TelemetryGenerator fresh = new TelemetryGenerator(42, 0.05);
        for (long seq = 49; seq >= 0; seq--) {
            assertThat(fresh.generate(stream, seq, TIME)).isEqualTo(forward.get((int) seq));
        }
    }

    @ParameterizedTest
    @EnumSource(TelemetryStream.class)
    void differentSeedsGiveDifferentData(TelemetryStream stream) {
        TelemetryGenerator other = new TelemetryGenerator(43, 0.05);
        long differing = 0;
        for (long seq = 0; seq < 100; seq++) {
            if (!other.generate(stream, seq, TIME).equals(generator.generate(stream, seq, TIME))) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(50);
    }

    @ParameterizedTest
    @EnumSource(TelemetryStream.class)
    void everyRecordIsValidAgainstItsSchemaAndCarriesStreamSeqAndTime(TelemetryStream stream) {
        for (long seq = 0; seq < 5_000; seq++) {
            GeneratedRecord record = generator.generate(stream, seq, TIME + seq);
            Struct value = record.value();
            value.validate();
            assertThat(value.schema()).isSameAs(stream.valueSchema());
            assertThat(value.getString(TelemetrySchemas.STREAM)).isEqualTo(stream.wireName());
            assertThat(value.getInt64(TelemetrySchemas.SEQ)).isEqualTo(seq);
            assertThat(((java.util.Date) value.get(TelemetrySchemas.TIMESTAMP)).getTime())
                    .isEqualTo(TIME + seq);
            assertThat(record.timestampMs()).isEqualTo(TIME + seq);
            assertThat(record.key()).isNotBlank();
        }
    }

    @Test
    void keysFollowTheStream() {
        assertThat(generator.generate(TelemetryStream.WEB, 3, TIME).key()).isEqualTo("web_analytics");
        assertThat(generator.generate(TelemetryStream.MOBILE, 3, TIME).key()).isEqualTo("mobile_app");
        assertThat(generator.generate(TelemetryStream.API, 3, TIME).key()).isEqualTo("api_usage");
        assertThat(generator.generate(TelemetryStream.DATABASE, 3, TIME).key()).isEqualTo("database");
        for (long seq = 0; seq < 200; seq++) {
            GeneratedRecord log = generator.generate(TelemetryStream.LOGS, seq, TIME);
            assertThat(log.key()).isEqualTo(log.value().getString(TelemetrySchemas.LEVEL));
            GeneratedRecord event = generator.generate(TelemetryStream.EVENTS, seq, TIME);
            assertThat(event.key()).isEqualTo(event.value().getString(TelemetrySchemas.USER_ID));
        }
    }

    @Test
    void sessionsWalkTheShoppingFunnelForOneUser() {
        int purchases = 0;
        for (long session = 0; session < 200; session++) {
            List<String> types = new ArrayList<>();
            String user = null;
            for (int step = 0; step < TelemetryGenerator.SESSION_LENGTH; step++) {
                Struct event = generator
                        .generate(TelemetryStream.EVENTS, session * TelemetryGenerator.SESSION_LENGTH + step, TIME)
                        .value();
                if (user == null) {
                    user = event.getString(TelemetrySchemas.USER_ID);
                }
                assertThat(event.getString(TelemetrySchemas.USER_ID)).isEqualTo(user);
                types.add(event.getString(TelemetrySchemas.EVENT_TYPE));
                String type = event.getString(TelemetrySchemas.EVENT_TYPE);
                boolean priced = type.equals("add_to_cart") || type.equals("purchase");
                assertThat(event.get(TelemetrySchemas.AMOUNT) != null).isEqualTo(priced);
            }
            assertThat(types.get(0))
                    .isIn(UserEventType.USER_REGISTRATION.wireName(), UserEventType.USER_LOGIN.wireName());
            if (types.get(0).equals("user_registration")) {
                assertThat(types.get(1)).isEqualTo("user_login");
            }
            if (types.contains("purchase")) {
                assertThat(types.indexOf("add_to_cart")).isLessThan(types.indexOf("purchase"));
                purchases++;
            }
        }
        assertThat(purchases).as("some but not all sessions convert").isBetween(40, 160);
    }

    @Test
    void anomaliesComeInBurstsAtRoughlyTheConfiguredRate() {
        TelemetryGenerator noisy = new TelemetryGenerator(7, 0.1);
        int anomalous = 0;
        int n = 200_000;
        for (long seq = 0; seq < n; seq++) {
            boolean here = noisy.isAnomalous(TelemetryStream.API, seq);
            if (here) {
                anomalous++;
                long burstStart = seq - Math.floorMod(seq, 20);
                assertThat(noisy.isAnomalous(TelemetryStream.API, burstStart)).isTrue();
            }
        }
        assertThat(anomalous / (double) n).isBetween(0.08, 0.12);
        TelemetryGenerator quiet = new TelemetryGenerator(7, 0);
        for (long seq = 0; seq < 10_000; seq++) {
            assertThat(quiet.isAnomalous(TelemetryStream.API, seq)).isFalse();
        }
    }

    @Test
    void latencySpikesAndSlowQuerySurgesHappenOnlyInsideAnomalies() {
        for (long seq = 0; seq < 20_000; seq++) {
            boolean apiAnomaly = generator.isAnomalous(TelemetryStream.API, seq);
            double responseTime = generator
                    .generate(TelemetryStream.API, seq, TIME)
                    .value()
                    .getFloat64(TelemetrySchemas.RESPONSE_TIME);
            if (apiAnomaly) {
                assertThat(responseTime).isGreaterThan(2_000);
            } else {
                assertThat(responseTime).isBetween(15.0, TelemetryGenerator.NORMAL_RESPONSE_TIME_CEILING_MS);
            }
            Struct db = generator.generate(TelemetryStream.DATABASE, seq, TIME).value();
            double ratio = db.getInt64(TelemetrySchemas.SLOW_QUERIES) / (double) db.getInt64(TelemetrySchemas.QUERIES);
            if (generator.isAnomalous(TelemetryStream.DATABASE, seq)) {
                assertThat(ratio).isGreaterThan(0.01);
            } else {
                assertThat(ratio).isLessThan(TelemetryGenerator.NORMAL_SLOW_QUERY_RATIO_CEILING);
            }
        }
    }

    @Test
    void errorLogsConcentrateInBursts() {
        int errorsInBursts = 0;
        int burstRecords = 0;
        int errorsOutside = 0;
        int outsideRecords = 0;
        for (long seq = 0; seq < 50_000; seq++) {
            boolean error = generator
                    .generate(TelemetryStream.LOGS, seq, TIME)
                    .value()
                    .getString(TelemetrySchemas.LEVEL)
                    .equals(LogLevel.ERROR.name());
            if (generator.isAnomalous(TelemetryStream.LOGS, seq)) {
                burstRecords++;
                errorsInBursts += error ? 1 : 0;
            } else {
                outsideRecords++;
                errorsOutside += error ? 1 : 0;
            }
        }
        assertThat(errorsInBursts / (double) burstRecords).isGreaterThan(0.5);
        assertThat(errorsOutside / (double) outsideRecords).isLessThan(0.02);
    }

    @Test
    void trafficFollowsTheTimeOfDay() {
        long night = 0;
        long afternoon = 0;
        for (int day = 0; day < 5; day++) {
            for (int minute = 0; minute < 60; minute++) {
                long base = day * 1440L;
                night += generator
                        .generate(TelemetryStream.WEB, base + 3 * 60 + minute, TIME)
                        .value()
                        .getInt64(TelemetrySchemas.PAGE_VIEWS);
                afternoon += generator
                        .generate(TelemetryStream.WEB, base + 14 * 60 + minute, TIME)
                        .value()
                        .getInt64(TelemetrySchemas.PAGE_VIEWS);
            }
        }
        assertThat(afternoon).isGreaterThan(3 * night);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> new TelemetryGenerator(1, 1.5)).hasMessageContaining("anomalyRate");
        assertThatThrownBy(() -> generator.generate(TelemetryStream.WEB, -1, TIME))
                .hasMessageContaining("seq");
    }
}
