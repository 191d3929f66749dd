package eu.stratuslab.authn.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What a cheap {@code stat} tells about a file: identity (inode), modification time and size.
 * Two different stamps mean the file changed (edited in place or replaced by a rename).
 */
public record FileStamp(Path path, boolean exists, Object fileKey, long modifiedNanos, long size) {

    public static FileStamp of(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(path, true, attributes.fileKey(),
                    attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size());
        } catch (NoSuchFileException e) {
            return new FileStamp(path, false, null, 0, 0);
        } catch (IOException e) {
            // Unreadable attributes: treat as absent, the reader reports the real error.
            return new FileStamp(path, false, null, -1, -1);
        }
    }
}
