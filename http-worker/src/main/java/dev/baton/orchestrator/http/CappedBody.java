package dev.baton.orchestrator.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a limit. A larger body (by its Content-Length, or once more bytes
 * arrive) is not read further: the exchange is cancelled and {@link #tooLarge()} is set.
 *
 * @param bytes    the body, empty when too large
 * @param tooLarge whether the body exceeded the limit
 */
record CappedBody(byte[] bytes, boolean tooLarge) {

    private static final CappedBody TOO_LARGE = new CappedBody(new byte[0], true);

    /** A body handler that reads at most {@code maxBytes}. */
    static HttpResponse.BodyHandler<CappedBody> handler(int maxBytes) {
        return info -> new Subscriber(
                maxBytes, info.headers().firstValueAsLong("content-length").orElse(-1));
    }

    /** Collects the body's buffers; the client signals it serially, as Flow requires. */
    private static final class Subscriber implements HttpResponse.BodySubscriber<CappedBody> {
        private final int maxBytes;
        private final long declaredLength;
        private final CompletableFuture<CappedBody> result = new CompletableFuture<>();
        private ByteArrayOutputStream buffer;
        private Flow.Subscription subscription;
        private long received;

        Subscriber(int maxBytes, long declaredLength) {
            this.maxBytes = maxBytes;
            this.declaredLength = declaredLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declaredLength > maxBytes) {
                s.cancel();
                result.complete(TOO_LARGE);
                return;
            }
            buffer = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 256);
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                received += b.remaining();
                if (received > maxBytes) {
                    buffer = null;
                    subscription.cancel();
                    result.complete(TOO_LARGE);
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            if (!result.isDone()) {
                result.complete(new CappedBody(buffer == null ? new byte[0] : buffer.toByteArray(), false));
            }
        }

        @Override
        public CompletionStage<CappedBody> getBody() {
            return result;
        }
    }
}
