package eu.stratuslab.infra.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class IniFileTest {
    private static final String POLICY = """
            [endorsers]
            whitelistendorsers =
             jane@example.org
             ops@example.org
            blacklistendorsers =

            [images]
            # a comment
            whitelistimages =
            blacklistimages =
             GWXb7AkDOq9ZzoLQ1yh9xnx3wTB

            [validatemetadatafile]
            activate=False
            """;

    @Test
    public void continuationLinesMakeLists() {
        IniFile ini = IniFile.parse(POLICY);
        assertEquals(List.of("jane@example.org", "ops@example.org"), ini.list("endorsers", "whitelistendorsers"));
        assertEquals(List.of(), ini.list("endorsers", "blacklistendorsers"));
        assertEquals(List.of("GWXb7AkDOq9ZzoLQ1yh9xnx3wTB"), ini.list("images", "BlackListImages"));
        assertEquals("False", ini.get("validatemetadatafile", "activate").orElseThrow());
        assertTrue(ini.list("checksums", "whitelistchecksums").isEmpty());
    }

    @Test
    public void colonSeparatorAndFind() {
        IniFile ini = IniFile.parse("[default]\npersistent_disk_ip: 10.1.2.3\n[other]\nx =\n");
        assertEquals("10.1.2.3", ini.find("persistent_disk_ip", "other", "default").orElseThrow());
        assertTrue(ini.find("x", "other").isEmpty());
    }

    @Test
    public void aKeyOutsideASectionNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IniFile.parse("\nkey = v\n"));
        assertEquals("line 2: expected 'key = value' inside a [section]", e.getMessage());
    }
}
