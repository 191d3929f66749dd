package eu.stratuslab.pdisk.config;

import eu.stratuslab.infra.config.IniFile;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The storage section chosen from {@code pdisk-backend.cfg}: the first name of
 * {@code [main] iscsi_proxies} and its keys (pdisk-api.md §10.2).
 */
public record BackendSettings(String proxyHost, String type, Map<String, String> keys) {

    public BackendSettings {
        keys = Map.copyOf(keys);
    }

    public static BackendSettings from(IniFile ini) {
        String proxies = ini.get("main", "iscsi_proxies")
                .orElseThrow(() -> new IllegalArgumentException("pdisk-backend.cfg: [main] iscsi_proxies is missing"));
        String first = proxies.split(",")[0].strip();
        if (!ini.hasSection(first)) {
            throw new IllegalArgumentException("pdisk-backend.cfg: no section [" + first + "]");
        }
        String type = ini.get(first, "type")
                .orElseThrow(() -> new IllegalArgumentException("pdisk-backend.cfg: [" + first + "] type is missing"));
        return new BackendSettings(first, type.strip().toLowerCase(Locale.ROOT), ini.section(first));
    }

    /** A file backend in {@code directory}, for embedded use and tests. */
    public static BackendSettings file(java.nio.file.Path directory) {
        return new BackendSettings("local", "file", Map.of("type", "File", "volume_name", directory.toString()));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(keys.get(key));
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalArgumentException(
                "pdisk-backend.cfg: [" + proxyHost + "] " + key + " is required for type " + type));
    }
}
