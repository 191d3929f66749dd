package eu.stratuslab.quarantine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /etc/stratuslab/quarantine.cfg} (hooks.md §5.3): shell-style {@code KEY=value} lines,
 * the file the original's cleanup script sourced. {@code PERIOD} (bare number = hours, default 48),
 * {@code LOCATION} (default {@code /var/lib/one/quarantine}), {@code CLEANUP_INTERVAL} (bare number =
 * minutes, default 15m). {@code COMMAND} is accepted and ignored.
 */
public record QuarantineSettings(Duration period, Path location, Duration cleanupInterval) {

    public static final Path DEFAULT_LOCATION = Paths.get("/var/lib/one/quarantine");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([mhd]?)");

    public static QuarantineSettings defaults() {
        return new QuarantineSettings(Duration.ofHours(48), DEFAULT_LOCATION, Duration.ofMinutes(15));
    }

    /**
     * Reads the file; {@code fallbackPeriod} is {@code stratuslab.cfg [quarantine]
     * quarantine_period} (bare number = minutes) or null.
     */
    public static QuarantineSettings load(Path file, String fallbackPeriod) throws IOException {
        Map<String, String> values = Files.exists(file) ? parseShell(file) : Map.of();
        Duration period;
        if (values.containsKey("PERIOD")) {
            period = parseDuration("PERIOD", values.get("PERIOD"), 'h');
        } else if (fallbackPeriod != null) {
            period = parseDuration("quarantine_period", fallbackPeriod, 'm');
        } else {
            period = Duration.ofHours(48);
        }
        Path location = values.containsKey("LOCATION") ? Paths.get(requireValue("LOCATION", values.get("LOCATION")))
                : DEFAULT_LOCATION;
        Duration interval = values.containsKey("CLEANUP_INTERVAL")
                ? parseDuration("CLEANUP_INTERVAL", values.get("CLEANUP_INTERVAL"), 'm') : Duration.ofMinutes(15);
        return new QuarantineSettings(period, location, interval);
    }

    /** {@code 15}, {@code 15m}, {@code 2h}, {@code 1d}; a bare number takes {@code bareUnit}. */
    public static Duration parseDuration(String key, String text, char bareUnit) {
        String v = requireValue(key, text);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("quarantine setting " + key + ": invalid duration '" + v
                    + "' (a number with optional unit m, h or d)");
        }
        long n = Long.parseLong(m.group(1));
        char unit = m.group(2).isEmpty() ? bareUnit : m.group(2).charAt(0);
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String requireValue(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("quarantine setting " + key + " is empty");
        }
        return text.trim();
    }

    private static Map<String, String> parseShell(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring(7).trim();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected KEY=value");
            }
            String value = line.substring(eq + 1).trim();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            values.put(line.substring(0, eq).trim(), value);
        }
        return values;
    }
}
