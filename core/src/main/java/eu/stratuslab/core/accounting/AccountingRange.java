package eu.stratuslab.core.accounting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The range bounds an administrator types ({@code --from}, {@code ?from=}): epoch seconds, an
 * ISO-8601 instant ({@code 2026-12-01T10:00:00Z}), a date-time without zone or a date
 * ({@code 2026-12-01}, midnight), both read as UTC.
 */
public final class AccountingRange {

    private AccountingRange() {
    }

    /** @throws IllegalArgumentException with a message naming {@code what} and the accepted forms */
    public static long parse(String what, String value) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(v);
            }
            if (v.endsWith("Z") || v.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(v).getEpochSecond();
            }
            if (v.contains("T")) {
                return LocalDateTime.parse(v).toEpochSecond(ZoneOffset.UTC);
            }
            return LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + v + "' is not a time: give epoch seconds, "
                    + "2026-12-01, 2026-12-01T10:00:00 (UTC) or 2026-12-01T10:00:00Z");
        }
    }
}
