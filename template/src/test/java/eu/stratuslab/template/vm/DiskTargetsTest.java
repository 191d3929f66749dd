package eu.stratuslab.template.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.TemplateXml;
import eu.stratuslab.template.VectorAttribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** template.md §5.3 and §5.4, one test per row of the example table. */
public class DiskTargetsTest {

    private static List<String> assignTargets(String text) throws Exception {
        Template t = TemplateParser.parse(text);
        DiskTargets.assign(t);
        List<String> out = new ArrayList<>();
        for (VectorAttribute d : t.vectors("DISK")) {
            out.add(SwapDisks.isSkipped(d) ? "(skipped " + d.get("TARGET") + ")" : d.get("TARGET"));
        }
        return out;
    }

    /** One row of the example table: what it shows, its template, the targets it ends with. */
    private record Row(String name, String template, List<String> targets) {
    }

    private static final List<Row> EXAMPLES = List.of(
            new Row("virtio with volatile and read-only clash",
                    "DISK=[TARGET=vda]\nDISK=[TYPE=swap,SIZE=512,TARGET=vdb]\nDISK=[TYPE=fs,SIZE=5120,TARGET=vdc]\n"
                    + "DISK=[SOURCE=x,TARGET=vdc]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("vda", "vdb", "vdc", "vdd")),
            new Row("scsi example b",
                    "DISK=[TARGET=sda]\nDISK=[TYPE=swap,SIZE=6144,TARGET=sdb]\nDISK=[TYPE=fs,SIZE=5120,TARGET=sdc]\n"
                    + "DISK=[SOURCE=x,TARGET=sdc]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("sda", "sdb", "sdc", "sdd")),
            new Row("ide example d skips the context target",
                    "DISK=[TARGET=hda]\nDISK=[TYPE=swap,SIZE=1536,TARGET=hdb]\nDISK=[TYPE=fs,SIZE=2048,TARGET=hdc]\n"
                    + "DISK=[SOURCE=pdisk:h/u,TARGET=hdc,TYPE=block]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("hda", "hdb", "hdc", "hde")),
            new Row("zero-size swap is skipped and reserves nothing",
                    "DISK=[TARGET=hda]\nDISK=[TYPE=swap,SIZE=0,TARGET=hdb]\nDISK=[TYPE=fs,TARGET=hdc]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("hda", "(skipped hdb)", "hdc")),
            new Row("duplicate gets next free letter",
                    "DISK=[TARGET=hda]\nDISK=[TARGET=hdc]\nDISK=[TARGET=hdc]\nCONTEXT=[TARGET=hdb]\n",
                    List.of("hda", "hdc", "hdd")),
            new Row("disk without target skips reserved targets",
                    "DISK=[TARGET=hda]\nDISK=[SOURCE=x]\nDISK=[TARGET=hdb]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("hda", "hdc", "hdb")),
            new Row("skipped swap target can be taken by another disk",
                    "DISK=[TARGET=hda]\nDISK=[TYPE=swap,SIZE=0,TARGET=hdb]\nDISK=[SOURCE=x]\nCONTEXT=[TARGET=hdd]\n",
                    List.of("hda", "(skipped hdb)", "hdb")));

    @Test
    public void exampleTableRows() throws Exception {
        for (Row row : EXAMPLES) {
            assertEquals(row.name(), row.targets(), assignTargets(row.template()));
        }
    }

    @Test
    public void diskIdsArePositionsIncludingSkippedDisks() throws Exception {
        Template t = TemplateParser.parse("DISK=[TARGET=hda]\nDISK=[TYPE=swap,SIZE=0,TARGET=hdb]\nNIC=[N=1]\nDISK=[TARGET=hdc]\n");
        DiskTargets.assign(t);
        List<VectorAttribute> disks = t.vectors("DISK");
        assertEquals(List.of("0", "1", "2"), disks.stream().map(d -> d.get("DISK_ID")).toList());
        assertEquals("0", disks.get(1).get("SIZE"));
    }

    @Test
    public void contextWithoutTargetGetsHdb() throws Exception {
        Template t = TemplateParser.parse("DISK=[TARGET=hda]\nDISK=[SOURCE=x]\nCONTEXT=[FOO=bar]\n");
        DiskTargets.assign(t);
        assertEquals("hdb", t.firstVector("CONTEXT").get("TARGET"));
        assertEquals("hdc", t.vectors("DISK").get(1).get("TARGET"));
    }

    @Test
    public void contextDefaultFollowsTheConfiguredPrefix() throws Exception {
        Template t = TemplateParser.parse("DISK=[SOURCE=x]\nCONTEXT=[FOO=bar]\n");
        DiskTargets.assign(t, "vd");
        assertEquals("vdb", t.firstVector("CONTEXT").get("TARGET"));
        assertEquals("vda", t.firstVector("DISK").get("TARGET"));
    }

    @Test
    public void withoutContextNothingIsAdded() throws Exception {
        Template t = TemplateParser.parse("DISK=[TARGET=hda]\n");
        DiskTargets.assign(t);
        assertNull(t.firstVector("CONTEXT"));
    }

    @Test
    public void noFreeTargetFailsAndLeavesTemplateUnchanged() throws Exception {
        Template t = TemplateParser.parse("DISK=[TARGET=hdy]\nDISK=[TARGET=hdz]\nDISK=[TARGET=hdz]\nCONTEXT=[TARGET=hdd]\n");
        String before = TemplateXml.toXml(t);
        assertNoFreeTarget(t, "No free target for DISK 2");
        assertEquals(before, TemplateXml.toXml(t));
    }

    @Test
    public void twentySevenDisksWithoutTargetRunOutOfLetters() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 27; i++) {
            sb.append("DISK=[SOURCE=x").append(i).append("]\n");
        }
        assertNoFreeTarget(TemplateParser.parse(sb.toString()), "No free target for DISK 26");
    }

    private static void assertNoFreeTarget(Template t, String message) {
        try {
            DiskTargets.assign(t);
            fail("expected no free target");
        } catch (TemplateRuleException e) {
            assertEquals(message, e.getMessage());
        }
    }
}
