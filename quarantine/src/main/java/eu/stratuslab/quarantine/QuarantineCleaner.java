package eu.stratuslab.quarantine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic cleanup of hooks.md §5.2 for directories: files under the quarantine location whose
 * modification time is older than the period are deleted, then directories left empty (the
 * semantics of {@code tmpwatch -mf}). Each run appends an ISO-8601 UTC line to the cleanup log.
 * Expired pdisk volumes are removed by the pdisk side of the quarantine (see docs/quarantine.md).
 */
public final class QuarantineCleaner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineCleaner.class);

    private final QuarantineSettings settings;
    private final Path runLog;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public QuarantineCleaner(QuarantineSettings settings, Path runLog, Clock clock) {
        this.settings = settings;
        this.runLog = runLog;
        this.clock = clock;
    }

    /** Runs {@link #cleanOnce()} every cleanup interval on a daemon thread. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quarantine-cleanup");
            t.setDaemon(true);
            return t;
        });
        long every = settings.cleanupInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                cleanOnce();
            } catch (IOException | RuntimeException e) {
                LOG.warn("quarantine cleanup failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return the number of files deleted */
    public int cleanOnce() throws IOException {
        Path root = settings.location();
        int[] deleted = {0};
        if (Files.isDirectory(root)) {
            Instant cutoff = clock.instant().minus(settings.period());
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        Files.delete(file);
                        deleted[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (!dir.equals(root)) {
                        try (var entries = Files.list(dir)) {
                            if (entries.findAny().isEmpty()) {
                                Files.delete(dir);
                            }
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        if (runLog != null) {
            Files.createDirectories(runLog.getParent());
            Files.writeString(runLog, DateTimeFormatter.ISO_INSTANT.format(clock.instant()) + " cleanup: "
                    + deleted[0] + " file(s) older than " + settings.period() + " deleted under " + root + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return deleted[0];
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
