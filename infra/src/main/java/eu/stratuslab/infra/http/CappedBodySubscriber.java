package eu.stratuslab.infra.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an HTTP answer body in memory for the JDK client, failing with
 * {@code IOException("answer larger than N bytes")} and cancelling the transfer as soon as the
 * body grows past the cap: a remote peer (an external OpenNebula, a marketplace) cannot make us
 * buffer more than we chose to.
 */
public final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final long cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    public CappedBodySubscriber(long cap) {
        this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            if (result.isDone()) {
                return;
            }
            if (bytes.size() + (long) item.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new IOException("answer larger than " + cap + " bytes"));
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
