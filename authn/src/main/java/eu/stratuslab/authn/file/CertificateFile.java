package eu.stratuslab.authn.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;

/**
 * A {@code login-cert.properties} file (authn.md §4): lines {@code "<DN>" role, role}, re-read
 * whenever the file changes. DNs match independently of their spelling (see
 * {@link DistinguishedNames}); a quoted key that is not a parsable DN still matches when it is
 * exactly the RFC 2253 identity or its legacy display form. When several lines name the same DN,
 * the last one wins (as with properties files).
 */
public final class CertificateFile {

    private static final Pattern COMMENT = Pattern.compile("^\\s*#");
    /** The original pattern; the quoted part is greedy and runs to the last quote of the line. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*\"(.*)\"[\\s,]*(.*)");
    private static final Pattern ROLE_SEPARATOR = Pattern.compile("[\\s,]+");
    private static final Map<Path, CertificateFile> INSTANCES = new ConcurrentHashMap<>();

    /** Roles by canonical DN, and by the literal key for keys that do not parse as DNs. */
    private record Entries(Map<String, Set<String>> byCanonicalDn, Map<String, Set<String>> byLiteralKey) {
        static final Entries NONE = new Entries(Map.of(), Map.of());
    }

    private final ReloadingFile<Entries> file;

    private CertificateFile(Path path) {
        this.file = new ReloadingFile<>(path, CertificateFile::parse, Entries.NONE);
    }

    /** @return the shared reader of the file at {@code path} */
    public static CertificateFile at(Path path) {
        return INSTANCES.computeIfAbsent(path.toAbsolutePath().normalize(), CertificateFile::new);
    }

    /**
     * @param rfc2253Dn the identity of the certificate (RFC 2253 subject of the EEC)
     * @return the roles of the matching entry, or empty when the DN is not listed
     */
    public Optional<Set<String>> roles(String rfc2253Dn) {
        Entries entries = file.current();
        Optional<X500Principal> principal = DistinguishedNames.principal(rfc2253Dn);
        if (principal.isPresent()) {
            Set<String> roles = entries.byCanonicalDn.get(principal.get().getName(X500Principal.CANONICAL));
            if (roles != null) {
                return Optional.of(roles);
            }
            roles = entries.byLiteralKey.get(principal.get().toString());
            if (roles != null) {
                return Optional.of(roles);
            }
        }
        return Optional.ofNullable(entries.byLiteralKey.get(rfc2253Dn));
    }

    static Entries parse(Path path) throws IOException {
        Map<String, Set<String>> byCanonical = new HashMap<>();
        Map<String, Set<String>> byLiteral = new HashMap<>();
        for (String line : TextFiles.read(path).split("\\R")) {
            if (COMMENT.matcher(line).find()) {
                continue;
            }
            Matcher matcher = ENTRY.matcher(line);
            if (!matcher.find()) {
                continue; // the original ignored such lines silently
            }
            String dn = matcher.group(1);
            Set<String> roles = new LinkedHashSet<>();
            for (String role : ROLE_SEPARATOR.split(matcher.group(2).trim())) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
            Optional<String> canonical = DistinguishedNames.canonical(dn);
            if (canonical.isPresent()) {
                byCanonical.put(canonical.get(), Set.copyOf(roles));
            } else {
                byLiteral.put(dn, Set.copyOf(roles));
            }
        }
        return new Entries(Map.copyOf(byCanonical), Map.copyOf(byLiteral));
    }
}
