package eu.stratuslab.core.transfer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The files of one VM (hooks.md §1.2): {@code <varDir>/<vmid>/images/disk.<i>}, the context image
 * {@code disk.<N>}, {@code context.sh}, the memory {@code checkpoint} and the serial log. The VM log
 * lives elsewhere ({@code <varDir>/log/<vmid>.log}) and survives the directory.
 */
public record VmDirectory(Path root) {

    public static VmDirectory of(Path varDir, int vmId) {
        return new VmDirectory(varDir.resolve(Integer.toString(vmId)));
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path disk(int diskId) {
        return images().resolve("disk." + diskId);
    }

    public Path checkpoint() {
        return root.resolve("checkpoint");
    }

    public Path contextScript() {
        return root.resolve("context.sh");
    }

    public Path serialLog() {
        return root.resolve("serial.log");
    }

    /** The pdisk registration file (hooks.md §1.2): one volume URI per line, in attach order. */
    public Path registrationFile() {
        return root.resolve("pdisk");
    }

    public int vmId() {
        return Integer.parseInt(root.getFileName().toString());
    }

    /** Deletes the whole directory; a missing directory is fine. */
    public void delete() throws IOException {
        deleteTree(root);
    }

    public static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfExists(Path p) throws IOException {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException e) {
            // removed concurrently: fine
        }
    }
}
