package eu.stratuslab.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated accounts of an embedded cloud ({@code oneadmin}, the demo user and the pdisk
 * superuser), kept in {@code DIR/credentials.txt} (mode 0600, one {@code user:password} per line).
 * Generated once; a restart reuses them.
 */
public final class Credentials {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private Credentials(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    /** No accounts: the configuration written for a package carries no passwords. */
    static Credentials none() {
        return new Credentials(new LinkedHashMap<>());
    }

    public static Credentials loadOrCreate(Path file, String... users) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    map.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        }
        boolean changed = false;
        for (String user : users) {
            if (!map.containsKey(user)) {
                map.put(user, randomPassword(16));
                changed = true;
            }
        }
        Credentials credentials = new Credentials(map);
        if (changed || !Files.exists(file)) {
            CloudHome.writePrivate(file, credentials.format(), true);
        }
        return credentials;
    }

    public String password(String user) {
        String pw = passwords.get(user);
        if (pw == null) {
            throw new IllegalArgumentException("no generated credentials for " + user);
        }
        return pw;
    }

    public Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    private String format() {
        StringBuilder sb = new StringBuilder();
        passwords.forEach((u, p) -> sb.append(u).append(':').append(p).append('\n'));
        return sb.toString();
    }

    static String randomPassword(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
