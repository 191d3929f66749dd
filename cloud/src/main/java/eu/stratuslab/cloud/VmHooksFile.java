package eu.stratuslab.cloud;

import eu.stratuslab.hooks.command.CommandHooks;
import eu.stratuslab.hooks.command.VmHookDefinition;
import eu.stratuslab.template.TemplateParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code etc/stratuslab/vm-hooks.conf}: OpenNebula-style {@code VM_HOOK} entries (the ones oned.conf
 * held), run on CREATE, RUNNING, SHUTDOWN, STOP, DONE and FAILED with {@code $VMID} and the
 * base64 VM document {@code $TEMPLATE}. A missing file gets a commented example; a broken one stops
 * the start with the file and line of the problem.
 */
final class VmHooksFile {
    private static final Logger LOG = LoggerFactory.getLogger(VmHooksFile.class);

    static final String DEFAULT_TEXT = """
            # VM hooks, as oned.conf declared them (template syntax). Each runs asynchronously when a
            # VM reaches the event; ON is CREATE, RUNNING, SHUTDOWN, STOP, DONE or FAILED. ARGUMENTS may
            # use $VMID and $TEMPLATE (the VM document, base64). REMOTE = "yes" runs the command on the
            # VM's host through ssh. Hooks are killed after 5 minutes.
            #
            # VM_HOOK = [
            #   name      = "notify",
            #   on        = "DONE",
            #   command   = "/usr/local/bin/vm-done.sh",
            #   arguments = "$VMID $TEMPLATE" ]
            """;

    private VmHooksFile() {
    }

    static void writeMissing(Path file) throws IOException {
        CloudHome.writeIfMissing(file, DEFAULT_TEXT, false);
    }

    static CommandHooks load(Path file) throws IOException {
        writeMissing(file);
        List<VmHookDefinition> hooks;
        try {
            hooks = VmHookDefinition.parseAll(Files.readString(file));
        } catch (TemplateParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        LOG.info("{} VM hook(s) from {}", hooks.size(), file);
        return new CommandHooks(hooks, eu.stratuslab.core.vm.VirtualMachine::infoXml, Duration.ofMinutes(5),
                (hook, vmId, code, problem) -> {
                    if (code != 0) {
                        LOG.warn("VM hook {} for VM {}: {}", hook.name(), vmId, problem != null ? problem : "exit " + code);
                    }
                });
    }
}
