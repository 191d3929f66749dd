package eu.stratuslab.cli.volume;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.Test;

/** legacy-cli.md §4.10: {@code :: DISK <uuid>} then the other keys in the server's order; client-side filters. */
public class DescribeVolumesTest {
    private static List<JsonNode> disks() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree("[{\"uuid\":\"u1\",\"tag\":\"my data\",\"count\":\"0\",\"owner\":\"alice\",\"identifier\":\"\",\"size\":\"10\"},"
                + "{\"uuid\":\"u2\",\"tag\":\"\",\"quarantine\":\"2014-06-12 10:11:12.123456\",\"count\":\"0\",\"owner\":\"pdisk\","
                + "\"identifier\":\"snapshot:x\",\"size\":\"3\"}]").forEach(out::add);
        return out;
    }

    @Test
    public void everyDiskWithItsKeysInOrder() throws Exception {
        assertEquals(":: DISK u1\n\ttag: my data\n\tcount: 0\n\towner: alice\n\tidentifier: \n\tsize: 10\n"
                + ":: DISK u2\n\ttag: \n\tquarantine: 2014-06-12 10:11:12.123456\n\tcount: 0\n\towner: pdisk\n"
                + "\tidentifier: snapshot:x\n\tsize: 3\n", DescribeVolumes.render(disks(), List.of()));
    }

    @Test
    public void everyFilterMustMatchAndAMissingKeyExcludes() throws Exception {
        assertEquals(":: DISK u2\n\ttag: \n\tquarantine: 2014-06-12 10:11:12.123456\n\tcount: 0\n\towner: pdisk\n"
                + "\tidentifier: snapshot:x\n\tsize: 3\n",
                DescribeVolumes.render(disks(), List.of(Map.entry("quarantine", Pattern.compile("")))));
        assertEquals("", DescribeVolumes.render(disks(), List.of(Map.entry("owner", Pattern.compile("^ali")),
                Map.entry("size", Pattern.compile("^3$")))));
        assertEquals(":: DISK u1\n\ttag: my data\n\tcount: 0\n\towner: alice\n\tidentifier: \n\tsize: 10\n",
                DescribeVolumes.render(disks(), List.of(Map.entry("owner", Pattern.compile("^ali")))));
    }
}
