package dev.telemetry.connect.common.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final TransientFailureException PLAIN = new TransientFailureException("503", null);

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        RetryPolicy low = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.0);
        RetryPolicy high = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1_000), () -> 0.999999);
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            long ceiling = ceilings[attempt - 1];
            assertThat(low.delayAfter(attempt, PLAIN)).isEqualTo(Duration.ofMillis(ceiling / 2));
            assertThat(high.delayAfter(attempt, PLAIN).toMillis()).isBetween(ceiling - 1, ceiling);
        }
    }

    @Test
    void retryAfterWinsWhenLongerButNeverBeyondTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.5);
        assertThat(policy.delayAfter(1, new TransientFailureException("429", null, Duration.ofSeconds(2))))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(1, new TransientFailureException("429", null, Duration.ofMinutes(10))))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delayAfter(1, new TransientFailureException("429", null, Duration.ZERO))
                        .toMillis())
                .isEqualTo(75);
    }

    @Test
    void theRetrierStopsAfterMaxAttemptsAndSleepsBetweenThem() throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        Retrier retrier =
                new Retrier(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), () -> 0.0), sleeps::add);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retrier.call("deliver", () -> {
                    calls.incrementAndGet();
                    throw new TransientFailureException("HTTP 500", null);
                }))
                .isInstanceOf(RetriesExhaustedException.class)
                .hasMessageContaining("3 attempts")
                .hasMessageContaining("HTTP 500");
        assertThat(calls).hasValue(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));

        calls.set(0);
        String result = retrier.call("deliver", () -> {
            if (calls.incrementAndGet() < 2) {
                throw new TransientFailureException("reset", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
    }

    @Test
    void refusesAPolicyWithoutAttempts() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), () -> 0))
                .hasMessageContaining("maxAttempts");
    }

    @Test
    void aRetryAfterBeyondWhatMillisecondsHoldIsCutToTheMaximumBackoff() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5);
        TransientFailureException huge =
                new TransientFailureException("HTTP 429", null, Duration.ofSeconds(99_999_999_999_999_999L));
        assertThat(policy.delayAfter(1, huge)).isEqualTo(Duration.ofSeconds(30));
    }
}
