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
 * minutes, default 15m). {@code COMMAND} and unknown keys are accepted and ignored (the file was a
 * shell script). Durations take the units {@code m}, {@code h}, {@code d} of the spec and, as a
 * project extension for tests and small sites, {@code s}.
 */
public record QuarantineSettings(Duration period, Path location, Duration cleanupInterval) {

    public static final Path DEFAULT_LOCATION = Paths.get("/var/lib/one/quarantine");
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(48);
    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(15);
    /** More than nine digits is no sensible duration and would overflow once multiplied. */
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    public QuarantineSettings {
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("quarantine period must be positive: " + period);
        }
        if (cleanupInterval == null || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("quarantine cleanup interval must be positive: " + cleanupInterval);
        }
        if (location == null || !location.isAbsolute()) {
            throw new IllegalArgumentException("quarantine LOCATION must be an absolute path: " + location);
        }
    }

    public static QuarantineSettings defaults() {
        return new QuarantineSettings(DEFAULT_PERIOD, DEFAULT_LOCATION, DEFAULT_CLEANUP_INTERVAL);
    }

    /** The same settings with another location (the embedded cloud keeps it under its home). */
    public QuarantineSettings withLocation(Path newLocation) {
        return new QuarantineSettings(period, newLocation, cleanupInterval);
    }

    /**
     * Reads the file (a missing file means the defaults); {@code fallbackPeriod} is
     * {@code stratuslab.cfg [quarantine] quarantine_period} (bare number = minutes) or null.
     *
     * @throws IllegalArgumentException naming the file, the line or key and the bad value
     */
    public static QuarantineSettings load(Path file, String fallbackPeriod) throws IOException {
        Map<String, String> values = Files.exists(file) ? parseShell(file) : Map.of();
        try {
            Duration period;
            if (values.containsKey("PERIOD")) {
                period = parseDuration("PERIOD", values.get("PERIOD"), 'h');
            } else if (fallbackPeriod != null) {
                period = parseDuration("quarantine_period", fallbackPeriod, 'm');
            } else {
                period = DEFAULT_PERIOD;
            }
            Path location = values.containsKey("LOCATION")
                    ? Paths.get(requireValue("LOCATION", values.get("LOCATION"))) : DEFAULT_LOCATION;
            if (!location.isAbsolute()) {
                throw new IllegalArgumentException("quarantine setting LOCATION must be an absolute path: '"
                        + location + "'");
            }
            Duration interval = values.containsKey("CLEANUP_INTERVAL")
                    ? parseDuration("CLEANUP_INTERVAL", values.get("CLEANUP_INTERVAL"), 'm') : DEFAULT_CLEANUP_INTERVAL;
            return new QuarantineSettings(period, location, interval);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code 15}, {@code 15m}, {@code 2h}, {@code 1d} (and {@code 30s}); a bare number takes
     * {@code bareUnit}. Zero, negative, empty and unknown units are refused.
     */
    public static Duration parseDuration(String key, String text, char bareUnit) {
        String v = requireValue(key, text);
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("quarantine setting " + key + ": invalid duration '" + v
                    + "' (a number with optional unit m, h or d)");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            throw new IllegalArgumentException("quarantine setting " + key + ": the duration must be positive, not '"
                    + v + "'");
        }
        char unit = m.group(2).isEmpty() ? bareUnit : m.group(2).charAt(0);
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
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
                throw new IllegalArgumentException(file + ":" + lineNo + ": expected KEY=value, found '" + line + "'");
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
