package eu.stratuslab.marketplace.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Downloads an image the administrator names by URL, bounded in time: the connection within the
 * connect timeout, the whole body within the download timeout (enforced by closing the stream,
 * since a blocked read cannot be interrupted otherwise).
 */
final class ImageDownloader implements AutoCloseable {

    interface BodyReader<T> {
        T read(InputStream body) throws IOException, MarketplaceRequestException;
    }

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration downloadTimeout;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "marketplace-download-watchdog");
        t.setDaemon(true);
        return t;
    });

    ImageDownloader(Duration connectTimeout, Duration downloadTimeout) {
        this.connectTimeout = connectTimeout;
        this.downloadTimeout = downloadTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    <T> T download(URI url, BodyReader<T> reader) throws IOException, MarketplaceRequestException {
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(downloadTimeout).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw bad("cannot download " + url + ": no connection within " + show(connectTimeout));
        } catch (HttpTimeoutException e) {
            throw bad("cannot download " + url + ": no answer within " + show(downloadTimeout));
        } catch (ConnectException e) {
            throw bad("cannot download " + url + ": connection refused");
        } catch (IOException e) {
            throw bad("cannot download " + url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw bad("cannot download " + url + ": HTTP " + response.statusCode());
            }
            AtomicBoolean expired = new AtomicBoolean();
            ScheduledFuture<?> deadline = watchdog.schedule(() -> {
                expired.set(true);
                closeQuietly(body);
            }, downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return reader.read(body);
            } catch (Streams.TooLargeException e) {
                throw e;
            } catch (IOException e) {
                if (expired.get()) {
                    throw bad("download of " + url + " took longer than " + show(downloadTimeout));
                }
                if (e instanceof java.util.zip.ZipException) {
                    throw e;
                }
                throw bad("download of " + url + " failed: " + e.getMessage());
            } finally {
                deadline.cancel(false);
            }
        }
    }

    private static String show(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the reader sees the closed stream
        }
    }

    private static MarketplaceRequestException bad(String message) {
        return MarketplaceRequestException.badRequest(message);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
