package eu.stratuslab.cloud;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * What the administrator's commands ({@code ./stratuslab quarantine}, {@code ./stratuslab acct})
 * read from a cloud home to reach the running cloud: the credentials and endpoints it wrote, and
 * its own server certificate to trust.
 */
final class RunningCloud {
    private final CloudHome home;

    private RunningCloud(CloudHome home) {
        this.home = home;
    }

    /** @throws IllegalStateException when the home holds no started cloud */
    static RunningCloud of(CloudHome home) {
        if (!Files.isRegularFile(home.credentials()) || !Files.isRegularFile(home.endpoints())) {
            throw new IllegalStateException("no cloud in " + home.root() + " (credentials.txt or endpoints.txt "
                    + "missing): start it with ./stratuslab up --home " + home.root());
        }
        return new RunningCloud(home);
    }

    CloudHome home() {
        return home;
    }

    Credentials credentials() throws IOException {
        return Credentials.loadOrCreate(home.credentials());
    }

    /** The URL of {@code name} in endpoints.txt. */
    Optional<String> endpoint(String name) throws IOException {
        return Files.readAllLines(home.endpoints()).stream().map(String::strip).filter(l -> l.startsWith(name + " "))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst();
    }

    String requireEndpoint(String name) throws IOException {
        return endpoint(name).orElseThrow(() -> new IllegalStateException(home.endpoints() + " names no " + name
                + " endpoint"));
    }

    /** Trusts exactly the cloud's own server certificate (one-proxy and pdisk share it). */
    SSLContext serverTrust() throws Exception {
        Path pw = home.keyStore().resolveSibling("server.p12.password");
        char[] keyStorePassword = Files.readString(pw).trim().toCharArray();
        return PinnedCertificateTrust.of(home.keyStore(), keyStorePassword);
    }
}
