package eu.stratuslab.authn;

import eu.stratuslab.authn.file.DirectoryWatch;
import eu.stratuslab.authn.file.FileStamp;
import eu.stratuslab.authn.jaas.LoginConfEntry;
import eu.stratuslab.authn.jaas.LoginConfException;
import eu.stratuslab.authn.jaas.LoginConfModule;
import eu.stratuslab.authn.jaas.LoginConfParser;
import eu.stratuslab.authn.ldap.LdapOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.spi.LoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed {@code login.conf} (authn.md §2), independent of the JVM-wide JAAS configuration so
 * that several configurations can coexist in one JVM. Module class names of the original
 * deployments are mapped onto this project's modules; relative {@code file} options are resolved
 * against the directory of {@code login.conf}.
 *
 * <p>The file is re-read when it changes. A changed file with an error is reported and the previous
 * configuration stays in force, so a typo during an edit never locks every user out.
 */
public final class LoginConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LoginConfiguration.class);

    private final Path file;
    private final DirectoryWatch watch;
    private volatile Loaded loaded;
    private volatile Stamps stamps;
    private final Configuration jaas = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            Map<String, AppConfigurationEntry[]> entries = current().entries;
            AppConfigurationEntry[] entry = entries.getOrDefault(name, entries.get("other"));
            return entry == null ? null : entry.clone();
        }

        @Override
        public void refresh() {
            current();
        }
    };

    /** One successful parse: the stamp of login.conf it was read from, the entries, the files used. */
    private record Loaded(FileStamp stamp, Map<String, AppConfigurationEntry[]> entries, List<Path> files) {
    }

    private LoginConfiguration(Path file, Loaded loaded, DirectoryWatch watch) {
        this.file = file;
        this.loaded = loaded;
        this.watch = watch;
    }

    /**
     * @throws LoginConfException (an IOException) naming the file and line on a syntax or
     *         configuration error; IOException when the file cannot be read
     */
    public static LoginConfiguration load(Path loginConf) throws IOException {
        Path file = loginConf.toAbsolutePath().normalize();
        return new LoginConfiguration(file, read(file), DirectoryWatch.SHARED);
    }

    /** @return the JAAS view, for {@code new LoginContext(entry, subject, handler, jaas())} */
    public Configuration jaas() {
        return jaas;
    }

    /** @return the login.conf this configuration is read from */
    public Path file() {
        return file;
    }

    /** @return the names of the entries, e.g. {@code stratuslab-pswd}, {@code stratuslab-cert} */
    public Set<String> entryNames() {
        return current().entries.keySet();
    }

    /**
     * @return the current state of login.conf and of every credential file it names; a different
     *         value means that cached authentication results may be stale. The files are looked at
     *         (one {@code stat} each) only when something changed in their directories since the
     *         last look ({@link DirectoryWatch}: one system call), or when that look is older than
     *         {@link #LOOK_AGAIN_NANOS} — for what inotify cannot see (a file system shared with
     *         other machines, a symbolic link to a directory changed).
     */
    List<FileStamp> stamp() {
        long generation = watch.generation();
        Stamps last = stamps;
        long now = System.nanoTime();
        if (last != null && generation != DirectoryWatch.UNKNOWN && last.generation == generation
                && now - last.lookedAtNanos < LOOK_AGAIN_NANOS) {
            return last.stamps;
        }
        // every directory is watched before its files are looked at: a change after the look
        // moves the generation on, a change before it is in what the look finds
        boolean watched = watch.watch(file.getParent());
        Loaded current = current();
        for (Path path : current.files) {
            watched &= watchDirectoriesOf(path);
        }
        List<FileStamp> stamps = new ArrayList<>(current.files.size() + 1);
        stamps.add(current.stamp);
        for (Path path : current.files) {
            stamps.add(FileStamp.of(path));
        }
        List<FileStamp> result = List.copyOf(stamps);
        this.stamps = new Stamps(watched ? generation : DirectoryWatch.UNKNOWN, now, result);
        return result;
    }

    /** The directory of the file and, when the file is a symbolic link, the directory of what it points to. */
    private boolean watchDirectoriesOf(Path path) {
        boolean watched = watch.watch(path.getParent());
        if (Files.isSymbolicLink(path)) {
            try {
                watched &= watch.watch(path.toRealPath().getParent());
            } catch (IOException e) {
                return false; // a dangling link: look every time until it points somewhere
            }
        }
        return watched;
    }

    /** How long a look at the files is trusted without a sign of change: 1 s. */
    static final long LOOK_AGAIN_NANOS = 1_000_000_000L;

    private record Stamps(long generation, long lookedAtNanos, List<FileStamp> stamps) {
    }

    private Loaded current() {
        Loaded current = loaded;
        FileStamp now = FileStamp.of(file);
        if (current.stamp.equals(now)) {
            return current;
        }
        synchronized (this) {
            current = loaded;
            if (!current.stamp.equals(now)) {
                try {
                    current = read(file);
                    LOG.info("reloaded {}", file);
                } catch (IOException e) {
                    LOG.error("{} changed but cannot be used, keeping the previous configuration: {}",
                            file, e.getMessage());
                    current = new Loaded(now, current.entries, current.files);
                }
                loaded = current;
            }
            return current;
        }
    }

    private static Loaded read(Path file) throws IOException {
        FileStamp stamp = FileStamp.of(file);
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Map<String, AppConfigurationEntry[]> entries = new LinkedHashMap<>();
        Set<Path> files = new LinkedHashSet<>();
        for (LoginConfEntry entry : LoginConfParser.parse(file, text)) {
            List<AppConfigurationEntry> modules = new ArrayList<>();
            for (LoginConfModule module : entry.modules()) {
                modules.add(resolve(file, module, files));
            }
            entries.put(entry.name(), modules.toArray(new AppConfigurationEntry[0]));
        }
        return new Loaded(stamp, Map.copyOf(entries), List.copyOf(files));
    }

    private static AppConfigurationEntry resolve(Path file, LoginConfModule module, Set<Path> files)
            throws LoginConfException {
        Class<? extends LoginModule> implementation = ModuleAliases.module(module.className())
                .orElseThrow(() -> new LoginConfException(file, module.line(),
                        "unknown login module class " + module.className()
                                + " (see docs/authn.md for the supported class names)"));
        Map<String, String> options = new LinkedHashMap<>(module.options());
        if (ModuleAliases.readsFile(implementation)) {
            String value = options.get("file");
            if (value == null || value.isBlank()) {
                throw new LoginConfException(file, module.line(),
                        module.className() + " requires the option file=\"...\"");
            }
            Path credentials;
            try {
                credentials = credentialFile(file, value);
            } catch (IllegalArgumentException e) {
                throw new LoginConfException(file, module.line(), "invalid file=\"" + value + "\": " + e.getMessage());
            }
            options.put("file", credentials.toString());
            files.add(credentials);
        }
        if (ModuleAliases.isLdap(implementation)) {
            try {
                LdapOptions.validate(options);
            } catch (IllegalArgumentException e) {
                throw new LoginConfException(file, module.line(), e.getMessage());
            }
        }
        return new AppConfigurationEntry(implementation.getName(), module.flag(), options);
    }

    /** Accepts a path or a {@code file:} URL (Jetty accepted both); relative to login.conf's directory. */
    private static Path credentialFile(Path loginConf, String value) {
        Path path = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
        return loginConf.getParent().resolve(path).normalize();
    }
}
