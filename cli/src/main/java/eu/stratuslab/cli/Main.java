package eu.stratuslab.cli;

import eu.stratuslab.cli.config.ConfigDefaults;
import eu.stratuslab.cli.config.UserConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The single entry point of the {@code stratus-*} commands: {@code java -jar stratuslab-cli.jar
 * <command> [options]}, where {@code <command>} is e.g. {@code stratus-run-instance} (or
 * {@code run-instance}). The wrapper scripts pass their own name.
 */
public final class Main {
    private static final String PREFIX = "stratus-";

    /** Every command, by its name without {@code stratus-}. */
    static final Map<String, Function<CliContext, BaseCommand>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run-instance", eu.stratuslab.cli.vm.RunInstance::new);
        COMMANDS.put("describe-instance", eu.stratuslab.cli.vm.DescribeInstance::new);
        COMMANDS.put("kill-instance", ctx -> new eu.stratuslab.cli.vm.VmAction(ctx, "finalize"));
        COMMANDS.put("shutdown-instance", ctx -> new eu.stratuslab.cli.vm.VmAction(ctx, "shutdown"));
        COMMANDS.put("connect-instance", eu.stratuslab.cli.vm.ConnectInstance::new);
        COMMANDS.put("create-volume", eu.stratuslab.cli.volume.CreateVolume::new);
        COMMANDS.put("describe-volumes", eu.stratuslab.cli.volume.DescribeVolumes::new);
        COMMANDS.put("update-volume", eu.stratuslab.cli.volume.UpdateVolume::new);
        COMMANDS.put("delete-volume", eu.stratuslab.cli.volume.DeleteVolume::new);
        COMMANDS.put("attach-volume", ctx -> new eu.stratuslab.cli.volume.MountVolume(ctx, true));
        COMMANDS.put("detach-volume", ctx -> new eu.stratuslab.cli.volume.MountVolume(ctx, false));
        COMMANDS.put("build-metadata", eu.stratuslab.cli.image.BuildMetadata::new);
        COMMANDS.put("sign-metadata", eu.stratuslab.cli.image.SignMetadata::new);
        COMMANDS.put("upload-metadata", eu.stratuslab.cli.image.UploadMetadata::new);
        COMMANDS.put("copy-config", CopyConfig::new);
    }

    private Main() {
    }

    public static void main(String[] args) {
        CliContext ctx = CliContext.system();
        int status = run(args, ctx);
        ctx.out().flush();
        System.exit(status);
    }

    /** Runs one command; returns its exit status (0, 1, 2 for usage errors, 255 for refusals). */
    public static int run(String[] args, CliContext ctx) {
        if (args.length == 1 && args[0].equals("--cds-training")) {
            try {
                return CdsTraining.run();
            } catch (Exception e) {
                ctx.err().println("Error: training run failed: " + e);
                return 1;
            }
        }
        if (args.length == 0 || !COMMANDS.containsKey(strip(args[0]))) {
            ctx.err().println((args.length == 0 ? "no command given" : "unknown command: " + args[0])
                    + "; commands: " + String.join(", ", COMMANDS.keySet().stream().map(c -> PREFIX + c).toList()));
            return 2;
        }
        String name = strip(args[0]);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        BaseCommand command = COMMANDS.get(name).apply(ctx);
        UserConfig config;
        try {
            String file = optionValue(rest, "-c", "--config");
            String section = optionValue(rest, "-S", "--user-config-section");
            if (section == null) {
                section = ctx.env("STRATUSLAB_USER_CONFIG_SECTION");
            }
            config = UserConfig.load(ctx.home(), file, section);
            if (config.file().isEmpty() && Arrays.asList(rest).contains("-v")) {
                ctx.err().println("Configuration file " + ctx.home().resolve(UserConfig.DEFAULT_FILE) + " not found");
            }
        } catch (CliException e) {
            ctx.err().println("Error: " + e.getMessage());
            return e.exitCode();
        }
        command.config(config);
        return commandLine(command, name, ctx, config).execute(rest);
    }

    /**
     * The command object after parsing {@code args} (command name first) with the configuration and
     * environment of {@code ctx}, without running it: the options as the command would see them.
     */
    public static BaseCommand parse(String[] args, CliContext ctx) throws CliException {
        String name = strip(args[0]);
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        BaseCommand command = COMMANDS.get(name).apply(ctx);
        String section = optionValue(rest, "-S", "--user-config-section");
        UserConfig config = UserConfig.load(ctx.home(), optionValue(rest, "-c", "--config"),
                section != null ? section : ctx.env("STRATUSLAB_USER_CONFIG_SECTION"));
        command.config(config);
        commandLine(command, name, ctx, config).parseArgs(rest);
        return command;
    }

    private static CommandLine commandLine(BaseCommand command, String name, CliContext ctx, UserConfig config) {
        return new CommandLine(command)
                .setCommandName(PREFIX + name)
                .setDefaultValueProvider(new ConfigDefaults(ctx, config))
                .setOut(new PrintWriter(ctx.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(ctx.err(), true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((ex, line, parsed) -> {
                    if (ex instanceof CliException ce) {
                        ctx.err().println("Error: " + ce.getMessage());
                        return ce.exitCode();
                    }
                    ctx.err().println("Error: " + ex);
                    return 1;
                });
    }

    private static String strip(String command) {
        return command.startsWith(PREFIX) ? command.substring(PREFIX.length()) : command;
    }

    /** The value of an option before picocli parses (the configuration it needs depends on it). */
    static String optionValue(String[] args, String shortName, String longName) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals(shortName) || a.equals(longName)) && i + 1 < args.length) {
                value = args[++i];
            } else if (a.startsWith(longName + "=")) {
                value = a.substring(longName.length() + 1);
            } else if (a.startsWith(shortName) && a.length() > shortName.length() && !a.startsWith("--")) {
                value = a.substring(shortName.length());
            } else if (a.equals("--")) {
                break;
            }
        }
        return value;
    }
}
