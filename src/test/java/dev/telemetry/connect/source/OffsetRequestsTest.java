package dev.telemetry.connect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;
import org.junit.jupiter.api.Test;

class OffsetRequestsTest {

    @Test
    void aPassingCheckAcceptsTheRequest() {
        assertThat(OffsetRequests.accept(() -> {})).isTrue();
    }

    @Test
    void aRefusalBecomesA400WithTheChecksMessage() {
        assertThatThrownBy(() -> OffsetRequests.accept(() -> {
                    throw new ConnectException("'seq' must be a whole number");
                }))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessage("'seq' must be a whole number");
    }

    @Test
    void whatIsNotARefusalPassesThrough() {
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> OffsetRequests.accept(() -> {
                    throw bug;
                }))
                .isSameAs(bug);
    }
}
