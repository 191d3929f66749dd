package eu.stratuslab.authn.file;

import eu.stratuslab.authn.password.PasswordCredentials;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code login-pswd.properties} file (authn.md §3): Java properties
 * {@code user=credential,role,...}, parsed as Jetty's {@code PropertyUserStore} did, and re-read
 * whenever the file changes. One instance per path is shared by all login modules of the JVM.
 */
public final class PasswordFile {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);
    private static final Map<Path, PasswordFile> INSTANCES = new ConcurrentHashMap<>();

    private final ReloadingFile<Map<String, PasswordEntry>> file;

    private PasswordFile(Path path) {
        this.file = new ReloadingFile<>(path, PasswordFile::parse, Map.of());
    }

    /** @return the shared reader of the file at {@code path} */
    public static PasswordFile at(Path path) {
        return INSTANCES.computeIfAbsent(path.toAbsolutePath().normalize(), PasswordFile::new);
    }

    /** @return the entry of {@code user} in the file as it is now */
    public Optional<PasswordEntry> entry(String user) {
        return Optional.ofNullable(file.current().get(user));
    }

    static Map<String, PasswordEntry> parse(Path path) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(TextFiles.read(path)));
        Map<String, PasswordEntry> entries = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            String user = name.trim();
            String value = properties.getProperty(name);
            int comma = value.indexOf(',');
            String credential = (comma < 0 ? value : value.substring(0, comma)).trim();
            if (user.isEmpty() || credential.isEmpty()) {
                LOG.warn("{}: entry '{}' has no user name or no credential; ignored", path, user);
                continue;
            }
            Set<String> roles = new LinkedHashSet<>();
            if (comma >= 0) {
                for (String role : value.substring(comma + 1).split(",")) {
                    if (!role.trim().isEmpty()) {
                        roles.add(role.trim());
                    }
                }
            }
            entries.put(user, new PasswordEntry(user, PasswordCredentials.fromPasswordFile(credential), roles));
        }
        return Map.copyOf(entries);
    }
}
