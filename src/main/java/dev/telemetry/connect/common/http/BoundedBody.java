package dev.telemetry.connect.common.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads at most {@code limit} bytes of a response body and then stops reading: the subscription is cancelled, which
 * closes the connection, so an endpoint that streams without end costs neither memory nor time. The result says
 * whether the body was longer, so a caller chooses to keep the first bytes (an error excerpt) or refuse the body.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Content> {

    /** The bytes read, and whether the body had more than the limit. */
    public record Content(byte[] bytes, boolean longer) {

        /** The bytes as UTF-8; a multi-byte character cut at the limit decodes as a replacement character. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final int limit;
    private final boolean declaredLonger;
    private final ByteArrayOutputStream kept;
    private final CompletableFuture<Content> content = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int limit, long declaredLength) {
        this.limit = limit;
        this.declaredLonger = declaredLength > limit;
        this.kept = new ByteArrayOutputStream(Math.min(limit, 1024));
    }

    /** Reads up to {@code limit} bytes of every body. */
    public static HttpResponse.BodyHandler<Content> handler(int limit) {
        return responseInfo -> new BoundedBody(limit, -1);
    }

    /**
     * As {@link #handler(int)}, but a Content-Length over the limit ends the body before a byte is read: for a
     * caller that refuses an over-long body rather than keep its start.
     */
    public static HttpResponse.BodyHandler<Content> refusingDeclaredOverLimit(int limit) {
        return responseInfo -> new BoundedBody(
                limit, responseInfo.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredLonger) {
            subscription.cancel();
            content.complete(new Content(new byte[0], true));
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (content.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), limit - kept.size());
            byte[] bytes = new byte[take];
            buffer.get(bytes);
            kept.writeBytes(bytes);
            if (buffer.hasRemaining()) {
                subscription.cancel();
                content.complete(new Content(kept.toByteArray(), true));
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        content.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        content.complete(new Content(kept.toByteArray(), false));
    }

    @Override
    public CompletionStage<Content> getBody() {
        return content;
    }
}
