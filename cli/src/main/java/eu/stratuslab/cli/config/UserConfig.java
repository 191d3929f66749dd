package eu.stratuslab.cli.config;

import eu.stratuslab.cli.CliException;
import eu.stratuslab.infra.config.IniFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The user configuration file of legacy-cli.md §2: {@code ~/.stratuslab/stratuslab-user.cfg} (or
 * {@code -c FILE}), INI, a mandatory {@code [default]} section, and an optional selected section
 * ({@code selected_section}, {@code -S} or {@code $STRATUSLAB_USER_CONFIG_SECTION}) whose keys
 * override {@code [default]}. Values are literal: quotes are kept.
 */
public final class UserConfig {
    public static final String DEFAULT_FILE = ".stratuslab/stratuslab-user.cfg";
    public static final String INSTANCE_TYPES = "instance_types";

    private final Path file;
    private final Map<String, String> values;
    private final Map<String, String> instanceTypes;

    private UserConfig(Path file, Map<String, String> values, Map<String, String> instanceTypes) {
        this.file = file;
        this.values = values;
        this.instanceTypes = instanceTypes;
    }

    /** No file: every key absent. */
    public static UserConfig empty() {
        return new UserConfig(null, Map.of(), Map.of());
    }

    /**
     * Loads {@code explicitFile} (an error when missing) or the default file (silently absent).
     *
     * @param section the section chosen on the command line or in the environment, or null
     */
    public static UserConfig load(Path home, String explicitFile, String section) throws CliException {
        Path path = explicitFile != null ? Path.of(explicitFile) : home.resolve(DEFAULT_FILE);
        if (!Files.exists(path)) {
            if (explicitFile != null) {
                throw new CliException("Configuration file " + path + " does not exist");
            }
            return empty();
        }
        IniFile ini;
        try {
            ini = IniFile.load(path);
        } catch (IOException e) {
            throw new CliException("Cannot read configuration file " + path + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException("Configuration file " + path + ": " + e.getMessage());
        }
        return of(path, ini, section);
    }

    static UserConfig of(Path path, IniFile ini, String section) throws CliException {
        if (!ini.hasSection("default")) {
            throw new CliException("Configuration file " + path + " has no [default] section");
        }
        Map<String, String> merged = new LinkedHashMap<>(ini.section("default"));
        String selected = section != null ? section : merged.get("selected_section");
        if (selected != null && !selected.isEmpty()) {
            if (!ini.hasSection(selected)) {
                throw new CliException("Section '" + selected + "' not found in configuration file " + path);
            }
            merged.putAll(ini.section(selected));
        }
        Map<String, String> types = ini.hasSection(INSTANCE_TYPES) ? Map.copyOf(ini.section(INSTANCE_TYPES)) : Map.of();
        return new UserConfig(path, Map.copyOf(merged), types);
    }

    /** The value of {@code key} (lower case, e.g. {@code pdisk_endpoint}), absent when unset. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key.toLowerCase(Locale.ROOT)));
    }

    /** The raw {@code name = cpu, ram, swap} lines of {@code [instance_types]}. */
    public Map<String, String> instanceTypes() {
        return instanceTypes;
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
