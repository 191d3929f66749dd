package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * A restart publishes the local image once, not once per start: an unchanged image keeps its
 * marketplace id and its one entry (the image is not hashed again); a changed one (another
 * modification time) is published anew under the id of its content.
 */
public class LocalImageRestartTest extends OnACloudSite {

    @Test
    public void anUnchangedLocalImageKeepsItsOneEntryAcrossRestartsAndAChangedOneIsPublishedAgain() throws Exception {
        Path home = site.newFolder("cloud");
        String id;
        try (MarketplaceCloud first = site.marketplaceCloud(home, "")) {
            id = publishedId(home);
        }
        assertEquals(1, entriesOf(home, id));

        try (MarketplaceCloud second = site.marketplaceCloud(home, "")) {
            assertEquals("the same image, the same id", id, publishedId(home));
        }
        assertEquals("a restart added no entry", 1, entriesOf(home, id));

        Path image = home.resolve("var/lib/stratuslab/images/local.img"); // the embedded default
        Files.setLastModifiedTime(image, FileTime.fromMillis(Files.getLastModifiedTime(image).toMillis() - 60_000));
        try (MarketplaceCloud third = site.marketplaceCloud(home, "")) {
            assertEquals("same content, same id", id, publishedId(home));
        }
        assertEquals("a changed file is published again", 2, entriesOf(home, id));
    }

    private static String publishedId(Path home) throws Exception {
        List<String> lines = Files.readAllLines(home.resolve("images.txt"));
        assertEquals(lines.toString(), 1, lines.size());
        String id = lines.get(0).split(" ")[0];
        assertNotEquals("", id);
        return id;
    }

    /** Signed entries of image {@code id} in the embedded marketplace's store. */
    private static long entriesOf(Path home, String id) throws Exception {
        try (Stream<Path> files = Files.walk(home.resolve("var/lib/stratuslab/marketplace/metadata").resolve(id))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml")).count();
        }
    }
}
