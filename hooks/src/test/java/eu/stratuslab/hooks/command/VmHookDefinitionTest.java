package eu.stratuslab.hooks.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

public class VmHookDefinitionTest {

    private static final String ONED_STYLE = """
            # hooks as oned.conf declared them
            VM_HOOK = [
                name      = "on_create",
                on        = "CREATE",
                command   = "/usr/share/one/hooks/notify.sh",
                arguments = "$VMID $TEMPLATE" ]
            VM_HOOK = [ name = "pat", on = "running", command = "/sbin/pat.sh", arguments = "$VMID", remote = "yes" ]
            """;

    @Test
    public void parsesEveryVmHookInOrder() throws Exception {
        List<VmHookDefinition> hooks = VmHookDefinition.parseAll(ONED_STYLE);
        assertEquals(2, hooks.size());
        assertEquals(new VmHookDefinition("on_create", "CREATE", "/usr/share/one/hooks/notify.sh", "$VMID $TEMPLATE", false),
                hooks.get(0));
        assertEquals("RUNNING", hooks.get(1).on());
        assertTrue(hooks.get(1).remote());
        assertFalse(hooks.get(0).remote());
    }

    @Test
    public void argvSubstitutesVmIdAndTemplateAndGoesThroughSshWhenRemote() throws Exception {
        List<VmHookDefinition> hooks = VmHookDefinition.parseAll(ONED_STYLE);
        assertEquals(List.of("/usr/share/one/hooks/notify.sh", "42", "PFZNPg=="), hooks.get(0).argv(42, "PFZNPg==", "node1"));
        assertEquals(List.of("ssh", "-o", "BatchMode=yes", "node1", "/sbin/pat.sh", "42"), hooks.get(1).argv(42, "x", "node1"));
    }

    @Test
    public void unknownEventOrMissingCommandIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VmHookDefinition.parseAll("VM_HOOK = [ name = \"x\", on = \"REBOOT\", command = \"/bin/true\" ]"));
        assertTrue(e.getMessage(), e.getMessage().contains("ON must be one of"));
        e = assertThrows(IllegalArgumentException.class,
                () -> VmHookDefinition.parseAll("VM_HOOK = [ name = \"x\", on = \"DONE\" ]"));
        assertTrue(e.getMessage(), e.getMessage().contains("has no COMMAND"));
    }
}
