package eu.stratuslab.pdisk.model;

import java.util.Locale;
import java.util.Optional;

/** PRIVATE (ordinal 0) or PUBLIC (ordinal 1); input is case-insensitive. */
public enum Visibility {
    PRIVATE,
    PUBLIC;

    public static Optional<Visibility> parse(String value) {
        try {
            return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
