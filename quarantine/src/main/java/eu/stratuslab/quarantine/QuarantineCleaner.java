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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleanup run of hooks.md §5.2: pdisk volumes whose quarantine stamp is older than the period
 * and that have no mount are deleted; then, under the quarantine location, files whose
 * modification time is older than the period, then directories left empty that are older than the
 * period too (the semantics of {@code tmpwatch -mf}: a young empty directory stays). Each run appends one line with an ISO-8601 UTC timestamp to the cleanup
 * log ({@code one-quarantine-cleanup.log}). Scheduling is {@link CleanupSchedule}'s business.
 */
public final class QuarantineCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineCleaner.class);

    /** What one run did. */
    public record Report(Instant at, int volumesDeleted, int filesDeleted, List<String> errors) {
    }

    private final QuarantineSettings settings;
    private final VolumeQuarantine volumes;
    private final Path runLog;
    private final Clock clock;

    /** Directories only (no volume store). */
    public QuarantineCleaner(QuarantineSettings settings, Path runLog, Clock clock) {
        this(settings, null, runLog, clock);
    }

    QuarantineCleaner(QuarantineSettings settings, VolumeQuarantine volumes, Path runLog, Clock clock) {
        this.settings = settings;
        this.volumes = volumes;
        this.runLog = runLog;
        this.clock = clock;
    }

    /** Runs the cleanup once; failures are in the report (and the run line), never thrown. */
    public synchronized Report cleanOnce() {
        Instant at = clock.instant();
        List<String> errors = new ArrayList<>();
        int volumesDeleted = 0;
        if (volumes != null) {
            try {
                VolumeQuarantine.Cleanup c = volumes.deleteExpired(settings.period());
                volumesDeleted = c.deleted();
                errors.addAll(c.errors());
            } catch (IOException | RuntimeException e) {
                errors.add("cannot list the volumes: " + e.getMessage());
            }
        }
        int filesDeleted = 0;
        try {
            filesDeleted = deleteExpiredFiles(at);
        } catch (IOException | RuntimeException e) {
            errors.add("cannot clean " + settings.location() + ": " + e);
        }
        Report report = new Report(at, volumesDeleted, filesDeleted, List.copyOf(errors));
        errors.forEach(e -> LOG.warn("quarantine cleanup: {}", e));
        writeRunLine(report);
        return report;
    }

    private int deleteExpiredFiles(Instant now) throws IOException {
        Path root = settings.location();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Path records = root.resolve(OwnerRecords.DIRECTORY);
        Instant cutoff = now.minus(settings.period());
        int[] deleted = {0};
        // a directory's age is its time before this run deleted anything in it (tmpwatch restores it too)
        Map<Path, Instant> directoryTimes = new HashMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // the owner records go with their volumes, not with their age
                if (dir.equals(records)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                directoryTimes.put(dir, attrs.lastModifiedTime().toInstant());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                LOG.warn("quarantine cleanup: cannot read {}: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(root) && directoryTimes.get(dir).isBefore(cutoff)) {
                    try (var entries = Files.list(dir)) {
                        if (entries.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return deleted[0];
    }

    private void writeRunLine(Report r) {
        if (runLog == null) {
            return;
        }
        String line = DateTimeFormatter.ISO_INSTANT.format(r.at().truncatedTo(ChronoUnit.SECONDS))
                + " cleanup: " + r.volumesDeleted() + " volume(s) and " + r.filesDeleted()
                + " file(s) older than " + settings.period() + " deleted under " + settings.location()
                + (r.errors().isEmpty() ? "" : "; " + r.errors().size() + " error(s): " + String.join("; ", r.errors()))
                + "\n";
        try {
            Files.createDirectories(runLog.toAbsolutePath().getParent());
            Files.writeString(runLog, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warn("cannot write the quarantine cleanup log {}: {}", runLog, e.toString());
        }
    }
}
