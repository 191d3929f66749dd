package eu.stratuslab.hooks.transfer;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

/** The {@code pdisk:} forms of pdisk-api.md §9 are persistent disks; the volume is the trailing UUID. */
public class DiskSourceTest {
    private static final String UUID = "8a1b2c3d-1111-2222-3333-444455556666";

    @Test
    public void everyPdiskFormNamesItsVolume() {
        for (String source : new String[] {
            "pdisk:https://cloud.example.com/pdisk/" + UUID,
            "pdisk://cloud.example.com/pdisk/" + UUID,
            "pdisk://cloud.example.com:8445/pdisk/" + UUID,
            "pdisk:cloud.example.com:8445:" + UUID,
            "  pdisk:https://127.0.0.1:8445/pdisk/" + UUID + "  ",
        }) {
            assertEquals(source, DiskSource.PDISK, DiskSource.classify(source));
            assertEquals(source, UUID, DiskSource.pdiskUuid(source));
        }
    }
}
