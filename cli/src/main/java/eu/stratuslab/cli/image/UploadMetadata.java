package eu.stratuslab.cli.image;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.remote.Endpoints;
import eu.stratuslab.marketplace.manifest.ManifestException;
import eu.stratuslab.marketplace.manifest.ManifestSigner;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import eu.stratuslab.marketplace.manifest.MarketplaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-upload-metadata MANIFEST}: posts a signed entry to {@code <marketplace>/metadata/}. */
@Command(description = "Upload a signed manifest entry to a marketplace.")
public final class UploadMetadata extends BaseCommand {
    @Parameters(index = "0", paramLabel = "MANIFEST") Path manifest;
    @Option(names = "--marketplace-endpoint", paramLabel = "URL") String marketplaceEndpoint;

    public UploadMetadata(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        byte[] xml = Files.readAllBytes(manifest);
        try {
            ManifestSigner.verify(xml); // refuse locally what the marketplace would refuse
        } catch (ManifestException e) {
            throw new CliException(manifest + ": " + e.getMessage());
        }
        try {
            ctx.out().println(new MarketplaceClient().upload(Endpoints.marketplace(marketplaceEndpoint), xml));
        } catch (MarketplaceException e) {
            throw new CliException(e.getMessage());
        }
        return 0;
    }
}
