package eu.stratuslab.cli;

import eu.stratuslab.cli.remote.Endpoints;
import eu.stratuslab.cli.remote.PdiskClient;
import picocli.CommandLine.Option;

/** The pdisk endpoint and credentials (legacy-cli.md §3.2); the credentials default to the cloud's. */
public final class PdiskOptions {
    @Option(names = "--pdisk-endpoint", paramLabel = "URL", description = "persistent disk service endpoint")
    String pdiskEndpoint;

    @Option(names = "--pdisk-username", description = "pdisk user name (default: the cloud user name)")
    String pdiskUsername;

    @Option(names = "--pdisk-password", description = "pdisk password (default: the cloud password)")
    String pdiskPassword;

    @Option(names = "--pdisk-protocol", defaultValue = "https", description = "scheme for a bare pdisk host")
    String pdiskProtocol;

    @Option(names = "--pdisk-port", defaultValue = "8445", description = "port for a bare pdisk host")
    int pdiskPort;

    /** The base URL ending in {@code /pswd} or {@code /cert}. */
    String base(CloudOptions cloud) throws CliException {
        try {
            return Endpoints.pdisk(pdiskEndpoint, cloud.endpoint, pdiskProtocol, pdiskPort, user(cloud) != null);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private String user(CloudOptions cloud) {
        String u = pdiskUsername != null && !pdiskUsername.isEmpty() ? pdiskUsername : cloud.username;
        return u == null || u.isEmpty() ? null : u;
    }

    PdiskClient connect(CliContext ctx, CloudOptions cloud) throws CliException {
        String user = user(cloud);
        String pw = pdiskPassword;
        if (pw == null && user != null && user.equals(cloud.username)) {
            cloud.resolvePassword(ctx);
            pw = cloud.password;
        }
        // password mode needs no client certificate, even when the cloud connection uses one
        return new PdiskClient(base(cloud), user, pw, user != null ? cloud.tlsForDownloads(ctx) : cloud.tls(ctx));
    }
}
