package eu.stratuslab.hooks.command;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParseException;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.VectorAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One OpenNebula-style {@code VM_HOOK = [ name, on, command, arguments, remote ]} entry, as oned.conf
 * declared them. {@code on} is one of CREATE, RUNNING, SHUTDOWN, STOP, DONE, FAILED; {@code arguments}
 * may use {@code $VMID} and {@code $TEMPLATE} (the VM document, base64); {@code remote = yes} runs
 * the command on the VM's host through ssh.
 */
public record VmHookDefinition(String name, String on, String command, String arguments, boolean remote) {

    public static final Set<String> EVENTS = Set.of("CREATE", "RUNNING", "SHUTDOWN", "STOP", "DONE", "FAILED");

    /** Parses every VM_HOOK vector of a template-syntax file (other attributes are ignored). */
    public static List<VmHookDefinition> parseAll(String text) throws TemplateParseException {
        Template t = TemplateParser.parse(text);
        List<VmHookDefinition> hooks = new ArrayList<>();
        for (VectorAttribute v : t.vectors("VM_HOOK")) {
            hooks.add(of(v));
        }
        return hooks;
    }

    static VmHookDefinition of(VectorAttribute v) {
        String name = v.get("NAME");
        String on = v.get("ON") == null ? "" : v.get("ON").toUpperCase(Locale.ROOT);
        String command = v.get("COMMAND");
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("VM_HOOK " + (name == null ? "" : name + " ") + "has no COMMAND");
        }
        if (!EVENTS.contains(on)) {
            throw new IllegalArgumentException("VM_HOOK " + (name == null ? command : name)
                    + ": ON must be one of " + EVENTS + ", not '" + on + "'");
        }
        String remote = v.get("REMOTE");
        return new VmHookDefinition(name == null ? command : name, on, command,
                v.get("ARGUMENTS") == null ? "" : v.get("ARGUMENTS"),
                remote != null && remote.equalsIgnoreCase("yes"));
    }

    /** The argv to run for a VM: arguments split at blanks after substituting $VMID and $TEMPLATE. */
    public List<String> argv(int vmId, String templateBase64, String host) {
        List<String> argv = new ArrayList<>();
        if (remote) {
            argv.add("ssh");
            argv.add("-o");
            argv.add("BatchMode=yes");
            argv.add(host);
        }
        argv.add(command);
        for (String arg : arguments.trim().split("\\s+")) {
            if (!arg.isEmpty()) {
                argv.add(arg.replace("$VMID", Integer.toString(vmId)).replace("$TEMPLATE", templateBase64));
            }
        }
        return argv;
    }
}
