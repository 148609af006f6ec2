package dev.telemetry.connect.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    /** Records what the subscriber asks of the connection. */
    private static final class RecordingSubscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static List<ByteBuffer> chunk(String text) {
        return List.of(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static BoundedBody.Content content(BoundedBody body) {
        return body.getBody().toCompletableFuture().getNow(null);
    }

    @Test
    void aBodyWithinTheLimitIsReadWholeAndNotLonger() {
        BoundedBody body = new BoundedBody(10, -1);
        RecordingSubscription subscription = new RecordingSubscription();
        body.onSubscribe(subscription);
        body.onNext(chunk("hello"));
        body.onNext(chunk("12345"));
        body.onComplete();

        assertThat(content(body).text()).isEqualTo("hello12345");
        assertThat(content(body).longer()).isFalse();
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void aLongerBodyKeepsTheFirstBytesSaysLongerAndStopsReading() {
        BoundedBody body = new BoundedBody(4, -1);
        RecordingSubscription subscription = new RecordingSubscription();
        body.onSubscribe(subscription);
        body.onNext(chunk("abc"));
        long requestedBefore = subscription.requested;
        body.onNext(chunk("defgh"));
        body.onNext(chunk("ignored after the limit"));

        assertThat(content(body).text()).isEqualTo("abcd");
        assertThat(content(body).longer()).isTrue();
        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isEqualTo(requestedBefore);
    }

    @Test
    void aDeclaredLengthOverTheLimitEndsTheBodyBeforeReadingAByte() {
        BoundedBody body = new BoundedBody(4, 5);
        RecordingSubscription subscription = new RecordingSubscription();
        body.onSubscribe(subscription);

        assertThat(content(body).bytes()).isEmpty();
        assertThat(content(body).longer()).isTrue();
        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isZero();
    }

    @Test
    void aDeclaredLengthAtTheLimitIsRead() {
        BoundedBody body = new BoundedBody(4, 4);
        RecordingSubscription subscription = new RecordingSubscription();
        body.onSubscribe(subscription);
        body.onNext(chunk("abcd"));
        body.onComplete();

        assertThat(content(body).text()).isEqualTo("abcd");
        assertThat(content(body).longer()).isFalse();
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void aFailedConnectionFailsTheBody() {
        BoundedBody body = new BoundedBody(4, -1);
        body.onSubscribe(new RecordingSubscription());
        body.onError(new IOException("reset"));

        assertThat(body.getBody().toCompletableFuture()).isCompletedExceptionally();
    }
}
