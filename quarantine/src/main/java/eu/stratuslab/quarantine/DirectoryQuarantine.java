package eu.stratuslab.quarantine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the directory of a finished VM into quarantine (hooks.md §5.1 step 3): the age counts from
 * now (every modification time is reset), group and other lose all access, and the directory is
 * moved to {@code <location>/<vmid>} (or {@code <vmid>.<epoch seconds>} when that exists).
 */
public final class DirectoryQuarantine {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryQuarantine.class);
    private static final Set<PosixFilePermission> GROUP_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path location;
    private final Clock clock;

    public DirectoryQuarantine(Path location, Clock clock) {
        this.location = location;
        this.clock = clock;
    }

    /** @return where the directory now is, or null when there was nothing to quarantine */
    public Path quarantine(Path vmDir, int vmId) throws IOException {
        if (!Files.isDirectory(vmDir)) {
            return null;
        }
        Files.createDirectories(location);
        FileTime now = FileTime.from(clock.instant());
        Files.walkFileTree(vmDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                restrict(file, now);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                restrict(dir, now);
                return FileVisitResult.CONTINUE;
            }
        });
        Path target = location.resolve(Integer.toString(vmId));
        if (Files.exists(target)) {
            target = location.resolve(vmId + "." + clock.instant().getEpochSecond());
        }
        move(vmDir, target);
        LOG.info("VM {} directory quarantined in {}", vmId, target);
        return target;
    }

    /** A rename; across file systems (a LOCATION on another disk) a copy, then the removal of the original. */
    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to);
            return;
        } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.AtomicMoveNotSupportedException e) {
            LOG.debug("{} cannot be renamed to {} ({}): copying", from, to, e.toString());
        }
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.copy(dir, to.resolve(from.relativize(dir).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void restrict(Path p, FileTime now) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return; // links to block devices (pdisk volumes) are left as they are
        }
        Files.setLastModifiedTime(p, now);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        perms.removeAll(GROUP_OTHER);
        Files.setPosixFilePermissions(p, perms);
    }
}
