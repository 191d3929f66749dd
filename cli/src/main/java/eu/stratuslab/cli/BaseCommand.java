package eu.stratuslab.cli;

import eu.stratuslab.cli.config.UserConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** Options every command has: the configuration file and section, verbosity, help. */
public abstract class BaseCommand implements Callable<Integer> {
    protected final CliContext ctx;
    protected UserConfig config = UserConfig.empty();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "configuration file (default ~/" + UserConfig.DEFAULT_FILE + ")")
    String configFile;

    @Option(names = {"-S", "--user-config-section"}, paramLabel = "NAME", description = "configuration section to use")
    String configSection;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    protected BaseCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    void config(UserConfig userConfig) {
        this.config = userConfig;
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** @return the exit status */
    protected abstract int run() throws Exception;
}
