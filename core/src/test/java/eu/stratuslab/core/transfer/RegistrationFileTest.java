package eu.stratuslab.core.transfer;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import eu.stratuslab.infra.testsupport.Together;
import java.time.Duration;

/** The registration file shared by the prolog/epilog and hot-plug (hooks.md §1.2, pdisk-api.md §11.1). */
public class RegistrationFileTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void concurrentWritersThroughSeparateInstancesLoseNoLine() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("7/pdisk");
        int n = 40;
        Together.run(8, n, Duration.ofSeconds(30), i -> {
            new RegistrationFile(file).append("https://127.0.0.1:8445/pdisk/vol-" + i); // a new instance each time, as callers do
            return null;
        });
        List<String> uris = new RegistrationFile(file).uris();
        assertEquals(n, uris.size());
        assertEquals(n, new HashSet<>(uris).size());
    }

    @Test
    public void aVolumeIsRemovedWhateverFormItWasRegisteredWith() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("8/pdisk");
        RegistrationFile r = new RegistrationFile(file);
        r.append("https://127.0.0.1:8445/pdisk/root-uuid");
        r.append("pdisk://127.0.0.1:8445/pdisk/data-uuid");
        r.append("https://127.0.0.1:8445/pdisk/data-uuid");
        r.append("pdisk:127.0.0.1:8445:other-uuid");
        r.append("https://127.0.0.1:8445/pdisk/root-uuid"); // listed once
        assertEquals(4, r.uris().size());
        r.removeVolume("data-uuid");
        assertEquals(List.of("https://127.0.0.1:8445/pdisk/root-uuid", "pdisk:127.0.0.1:8445:other-uuid"), r.uris());
        assertEquals("other-uuid", RegistrationFile.volumeOf("pdisk:127.0.0.1:8445:other-uuid"));
        assertEquals("https://127.0.0.1:8445/pdisk/root-uuid\npdisk:127.0.0.1:8445:other-uuid\n", Files.readString(file));
    }
}
