package eu.stratuslab.pdisk.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Minimal Python-ConfigParser-compatible reader for {@code pdisk-backend.cfg}. */
public final class IniFile {

    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    public static IniFile load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(), k -> new LinkedHashMap<>());
                continue;
            }
            int sep = indexOfSeparator(line);
            if (sep < 0 || current == null) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 'key = value' inside a [section]");
            }
            current.put(line.substring(0, sep).strip().toLowerCase(java.util.Locale.ROOT), line.substring(sep + 1).strip());
        }
        return new IniFile(sections);
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key));
    }

    public Map<String, String> section(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }
}
