package eu.stratuslab.infra.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The INI dialect of Python's ConfigParser, which wrote and read the original StratusLab files
 * ({@code stratuslab.cfg}, {@code policy.cfg}, {@code pdisk-host.conf}, {@code pdisk-backend.cfg}):
 * {@code [section]}, {@code key = value} or {@code key: value}, keys case-insensitive, comments
 * starting with {@code #} or {@code ;}, and continuation lines (indented) appended to the previous
 * value with a newline, which is how list values are written (one item per line).
 */
public final class IniFile {

    private final Map<String, Map<String, String>> sections;

    private IniFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    public static IniFile load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException naming the line of a syntax error */
    public static IniFile parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        String lastKey = null;
        int lineNo = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNo++;
            String line = raw.strip();
            boolean indented = !raw.isEmpty() && Character.isWhitespace(raw.charAt(0));
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (indented && current != null && lastKey != null) {
                String before = current.get(lastKey);
                current.put(lastKey, before.isEmpty() ? line : before + "\n" + line);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                lastKey = null;
                continue;
            }
            int sep = indexOfSeparator(line);
            if (sep <= 0 || current == null) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 'key = value' inside a [section]");
            }
            lastKey = line.substring(0, sep).strip().toLowerCase(Locale.ROOT);
            current.put(lastKey, line.substring(sep + 1).strip());
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
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key.toLowerCase(Locale.ROOT)));
    }

    /** A non-blank value of any of the sections, first section first. */
    public Optional<String> find(String key, String... sectionsInOrder) {
        return Arrays.stream(sectionsInOrder).map(s -> get(s, key)).flatMap(Optional::stream)
                .filter(v -> !v.isBlank()).findFirst();
    }

    /** A non-blank value of the key in whichever section has it (files whose section names varied by version). */
    public Optional<String> anySection(String key) {
        return find(key, sections.keySet().toArray(String[]::new));
    }

    /** A list value: one item per line (or separated by whitespace/commas on one line); empty when absent. */
    public List<String> list(String section, String key) {
        List<String> out = new ArrayList<>();
        get(section, key).ifPresent(v -> {
            for (String item : v.split("[\\s,]+")) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        });
        return out;
    }

    public Map<String, String> section(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }
}
