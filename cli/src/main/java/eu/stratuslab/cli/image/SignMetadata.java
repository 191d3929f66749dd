package eu.stratuslab.cli.image;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.ManifestException;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.SigningCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-sign-metadata MANIFEST}: an enveloped XML signature with the user's PKCS#12 credentials. */
@Command(description = "Sign a manifest entry with a PKCS#12 certificate.")
public final class SignMetadata extends BaseCommand {
    @Parameters(index = "0", paramLabel = "MANIFEST") Path manifest;
    @Option(names = "--p12-cert", paramLabel = "FILE", required = true) Path p12;
    @Option(names = "--p12-password", required = true) String p12Password;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "default: replaces MANIFEST") Path output;

    public SignMetadata(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        SigningCredentials credentials;
        try {
            credentials = SigningCredentials.readPkcs12(p12, p12Password.toCharArray());
        } catch (IOException e) {
            throw new CliException("Can't read certificate file " + p12 + ": " + e.getMessage());
        }
        try {
            byte[] signed = new ManifestSigner(credentials).signToXml(ManifestEntry.parse(Files.readAllBytes(manifest)));
            Files.write(output != null ? output : manifest, signed);
        } catch (ManifestException e) {
            throw new CliException(manifest + ": " + e.getMessage());
        }
        return 0;
    }
}
