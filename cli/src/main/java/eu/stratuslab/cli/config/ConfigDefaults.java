package eu.stratuslab.cli.config;

import eu.stratuslab.cli.CliContext;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option defaults of legacy-cli.md §2, which give the precedence
 * <b>command-line flag &gt; environment variable &gt; configuration file &gt; built-in default</b>:
 * picocli asks for a default only for options that are not on the command line; this answers the
 * environment variable when set, else the file key, else nothing (the built-in default applies).
 *
 * <p>A file key is the option's long name with {@code -} replaced by {@code _} ({@code --pdisk-endpoint}
 * → {@code pdisk_endpoint}), except for the few options whose legacy attribute name differs
 * ({@link #FILE_KEYS}).
 *
 * @param context where the environment variables are read
 * @param config  the user's configuration file, in the section of this run
 */
public record ConfigDefaults(CliContext context, UserConfig config) implements IDefaultValueProvider {

    /** Options whose file key is not their long name. */
    static final Map<String, String> FILE_KEYS = Map.of(
            "pem-cert", "pem_certificate",
            "p12-cert", "p12_certificate",
            "key", "user_public_key_file",
            "type", "default_instance_type",
            "context-method", "default_context_method");

    /** The environment variables of §2, by option long name. */
    static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("endpoint", "STRATUSLAB_ENDPOINT"),
            Map.entry("username", "STRATUSLAB_USERNAME"),
            Map.entry("password", "STRATUSLAB_PASSWORD"),
            Map.entry("pem-cert", "STRATUSLAB_PEM_CERTIFICATE"),
            Map.entry("pem-key", "STRATUSLAB_PEM_KEY"),
            Map.entry("p12-cert", "STRATUSLAB_P12_CERTIFICATE"),
            Map.entry("p12-password", "STRATUSLAB_P12_PASSWORD"),
            Map.entry("pdisk-endpoint", "STRATUSLAB_PDISK_ENDPOINT"),
            Map.entry("pdisk-username", "STRATUSLAB_PDISK_USERNAME"),
            Map.entry("pdisk-password", "STRATUSLAB_PDISK_PASSWORD"),
            Map.entry("pdisk-protocol", "STRATUSLAB_PDISK_PROTOCOL"),
            Map.entry("pdisk-port", "STRATUSLAB_PDISK_PORT"),
            Map.entry("marketplace-endpoint", "STRATUSLAB_MARKETPLACE_ENDPOINT"),
            Map.entry("key", "STRATUSLAB_KEY"),
            Map.entry("ca-certificate", "STRATUSLAB_CA_CERTIFICATE"));

    /** Options that select the configuration itself or only shape this run's output. */
    private static final Set<String> NOT_CONFIGURABLE = Set.of("config", "user-config-section", "help", "verbose",
            "list-types", "quiet", "output", "input");

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String longName = option.longestName();
        if (!longName.startsWith("--")) {
            return null;
        }
        String name = longName.substring(2);
        if (NOT_CONFIGURABLE.contains(name)) {
            return null;
        }
        String variable = ENVIRONMENT.get(name);
        if (variable != null && context.env(variable) != null) {
            return context.env(variable);
        }
        return config.get(fileKey(name)).orElse(null);
    }

    /** {@code pdisk-endpoint} → {@code pdisk_endpoint}. */
    public static String fileKey(String longName) {
        return FILE_KEYS.getOrDefault(longName, longName.replace('-', '_'));
    }
}
