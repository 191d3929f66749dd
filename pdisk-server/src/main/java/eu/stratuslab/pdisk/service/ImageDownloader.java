package eu.stratuslab.pdisk.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a URL into a local file, resuming with {@code Range} after a broken transfer when the
 * server answers 206 (otherwise starting again), logging progress every 64 MiB.
 */
public final class ImageDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDownloader.class);
    private static final long PROGRESS_STEP = 64L << 20;

    private final HttpClient client;
    private final int maxAttempts;

    public ImageDownloader(int maxAttempts) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).proxy(EnvProxySelector.fromEnvironment()).build();
        this.maxAttempts = maxAttempts;
    }

    /** Fills {@code target} with the body of {@code url}; throws IOException when all attempts failed. */
    public void download(URI url, Path target) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long have = Files.exists(target) ? Files.size(target) : 0;
            try {
                if (fetch(url, target, have)) {
                    return;
                }
            } catch (NonRetryableDownloadException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                LOG.warn("download of {} interrupted at {} bytes (attempt {}/{}): {}", url, Files.exists(target)
                        ? Files.size(target) : 0, attempt, maxAttempts, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download interrupted", e);
            }
        }
        throw last != null ? last : new IOException("download of " + url + " failed");
    }

    /** One attempt; returns true when the body was received completely. */
    private boolean fetch(URI url, Path target, long have) throws IOException, InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).GET();
        if (have > 0) {
            rb.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = resp.statusCode();
        boolean append;
        if (status == 206 && have > 0) {
            append = true;
            LOG.info("resuming download of {} at byte {}", url, have);
        } else if (status == 200) {
            append = false;
        } else if (status == 416 && have > 0) {
            resp.body().close();
            return true; // we already hold the whole body
        } else {
            resp.body().close();
            throw new NonRetryableDownloadException("HTTP " + status + " from " + url);
        }
        long expectedTotal = resp.headers().firstValueAsLong("Content-Length").orElse(-1) + (append ? have : 0);
        try (InputStream in = resp.body();
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = append ? have : 0;
            long nextReport = done + PROGRESS_STEP;
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                done += n;
                if (done >= nextReport) {
                    LOG.info("download of {}: {} MiB{}", url, done >> 20,
                            expectedTotal > 0 ? " of " + (expectedTotal >> 20) + " MiB" : "");
                    nextReport += PROGRESS_STEP;
                }
            }
            if (expectedTotal >= 0 && done < expectedTotal) {
                throw new IOException("connection closed after " + done + " of " + expectedTotal + " bytes");
            }
        }
        return true;
    }

    /** A definite answer (404, 403...) that retrying cannot change. */
    static final class NonRetryableDownloadException extends IOException {
        NonRetryableDownloadException(String message) {
            super(message);
        }
    }
}
