package eu.stratuslab.cli;

import eu.stratuslab.cli.remote.OneClient;
import eu.stratuslab.cli.remote.Tls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** Cloud endpoint and credentials (legacy-cli.md §3.1); defaults from the environment and the file. */
public final class CloudOptions {
    @Option(names = "--endpoint", paramLabel = "URL", description = "cloud endpoint (full URL or host)")
    String endpoint;

    @Option(names = {"-u", "--username"}, description = "cloud user name")
    String username;

    @Option(names = {"-p", "--password"}, description = "cloud password (prompted when -u is given without it)")
    String password;

    @Option(names = "--pem-cert", paramLabel = "FILE", description = "PEM certificate (default ~/.globus/usercert.pem)")
    String pemCertificate;

    @Option(names = "--pem-key", paramLabel = "FILE", description = "PEM private key (default ~/.globus/userkey.pem)")
    String pemKey;

    @Option(names = "--p12-cert", paramLabel = "FILE", description = "PKCS#12 certificate and key")
    String p12Certificate;

    @Option(names = "--p12-password", description = "password of the PKCS#12 file")
    String p12Password;

    @Option(names = "--ca-certificate", paramLabel = "FILE",
            description = "PEM file of CA or server certificates trusted besides the system's")
    String caCertificate;

    private SSLContext tls;

    boolean passwordMode() {
        return username != null && !username.isEmpty();
    }

    /** Username and password win over a certificate (§3.1); {@code -u} without {@code -p} prompts. */
    void resolvePassword(CliContext ctx) throws CliException {
        if (passwordMode() && password == null) {
            try {
                password = ctx.readPassword("Password: ");
            } catch (IOException e) {
                throw new CliException("cannot read the password: " + e.getMessage());
            }
        }
    }

    SSLContext tls(CliContext ctx) throws CliException {
        if (tls == null) {
            Path cert = null;
            Path key = null;
            Path p12 = null;
            if (!passwordMode()) {
                if (p12Certificate != null && !p12Certificate.isEmpty()) {
                    p12 = existing(ctx, p12Certificate);
                } else {
                    cert = existing(ctx, pemCertificate != null ? pemCertificate : ctx.home().resolve(".globus/usercert.pem").toString());
                    key = existing(ctx, pemKey != null ? pemKey : ctx.home().resolve(".globus/userkey.pem").toString());
                }
            }
            tls = Tls.context(caCertificate, cert, key, p12, p12Password);
        }
        return tls;
    }

    /** Server verification only, no client certificate: image URLs, marketplaces, pdisk in password mode. */
    public SSLContext tlsForDownloads(CliContext ctx) throws CliException {
        return Tls.context(caCertificate, null, null, null, null);
    }

    private static Path existing(CliContext ctx, String file) throws CliException {
        Path p = Path.of(file.startsWith("~/") ? ctx.home() + file.substring(1) : file);
        if (!Files.isRegularFile(p)) {
            throw new CliException("Can't find certificate file " + p);
        }
        return p;
    }

    String endpoint() throws CliException {
        if (endpoint == null || endpoint.isBlank()) {
            throw new CliException("no cloud endpoint: set endpoint in the configuration file, $STRATUSLAB_ENDPOINT or --endpoint");
        }
        return endpoint;
    }

    OneClient connect(CliContext ctx) throws CliException {
        return connect(ctx, null);
    }

    OneClient connect(CliContext ctx, Duration timeout) throws CliException {
        resolvePassword(ctx);
        return OneClient.connect(endpoint(), username, password, () -> tls(ctx), timeout);
    }
}
