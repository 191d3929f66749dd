package eu.stratuslab.hooks.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.TemplateParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CommandHooksTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private record Outcome(String hook, int vmId, int exitCode, String problem) {
    }

    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    private CommandHooks hooks(List<VmHookDefinition> defs, Duration timeout) {
        return new CommandHooks(defs, vm -> "<VM><ID>" + vm.id() + "</ID></VM>", timeout,
                (hook, vmId, code, problem) -> outcomes.add(new Outcome(hook.name(), vmId, code, problem)));
    }

    private static VirtualMachine vm(int id) throws Exception {
        return new VirtualMachine(id, 2, 1, "alice", "users", TemplateParser.parse("MEMORY = 64"), 1L);
    }

    @Test
    public void runsTheMatchingCommandWithVmIdAndBase64Document() throws Exception {
        Path out = tmp.getRoot().toPath().resolve("args.txt");
        Path script = tmp.newFile("hook.sh").toPath();
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2\" > " + out + "\n");
        script.toFile().setExecutable(true);
        try (CommandHooks h = hooks(List.of(new VmHookDefinition("h", "CREATE", script.toString(), "$VMID $TEMPLATE", false),
                new VmHookDefinition("other", "DONE", "/bin/false", "", false)), Duration.ofSeconds(30))) {
            h.onCreate(vm(7));
            Outcome o = outcomes.poll(30, TimeUnit.SECONDS);
            assertEquals(new Outcome("h", 7, 0, null), o);
            String b64 = Base64.getEncoder().encodeToString("<VM><ID>7</ID></VM>".getBytes(StandardCharsets.UTF_8));
            assertEquals("7 " + b64 + "\n", Files.readString(out));
            assertTrue("the DONE hook must not run on CREATE", outcomes.isEmpty());
        }
    }

    @Test
    public void failingAndHangingCommandsAreReportedNotThrown() throws Exception {
        try (CommandHooks h = hooks(List.of(new VmHookDefinition("fails", "FAILED", "/bin/false", "", false),
                new VmHookDefinition("hangs", "STOP", "/bin/sleep", "600", false),
                new VmHookDefinition("missing", "DONE", "/nonexistent/hook", "", false)), Duration.ofMillis(300))) {
            h.onFailed(vm(1));
            assertEquals(new Outcome("fails", 1, 1, null), outcomes.poll(30, TimeUnit.SECONDS));
            h.onStop(vm(2));
            Outcome hung = outcomes.poll(30, TimeUnit.SECONDS);
            assertEquals(-1, hung.exitCode());
            assertTrue(hung.problem(), hung.problem().startsWith("timed out"));
            h.onDone(vm(3));
            Outcome missing = outcomes.poll(30, TimeUnit.SECONDS);
            assertEquals(-1, missing.exitCode());
        }
    }

    @Test
    public void remoteHookWithoutHostIsReportedAndNotRun() throws Exception {
        try (CommandHooks h = hooks(List.of(new VmHookDefinition("pat", "CREATE", "/sbin/pat.sh", "$VMID", true)),
                Duration.ofSeconds(5))) {
            h.onCreate(vm(9));
            Outcome o = outcomes.poll(30, TimeUnit.SECONDS);
            assertEquals("remote hook but the VM has no host", o.problem());
        }
    }
}
