package eu.stratuslab.cli.image;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stratus-build-metadata IMAGE}: the unsigned manifest entry of an image file (hooks.md §6):
 * its SHA-1 and size over the uncompressed content (what pdisk verifies), the identifier derived
 * from the SHA-1 (hooks.md §7) and the descriptive elements given as options.
 */
@Command(description = "Build the (unsigned) marketplace manifest entry of an image file.")
public final class BuildMetadata extends BaseCommand {
    @Parameters(index = "0", paramLabel = "IMAGE") Path imageFile;
    @Option(names = "--location", paramLabel = "URL", required = true, description = "where the image can be downloaded") List<String> locations;
    @Option(names = "--endorser-email", required = true) String endorserEmail;
    @Option(names = "--title") String title;
    @Option(names = "--comment", defaultValue = "") String description;
    @Option(names = "--creator") String creator;
    @Option(names = "--os", required = true) String os;
    @Option(names = "--os-version", required = true) String osVersion;
    @Option(names = "--os-arch", defaultValue = "x86_64") String osArch;
    @Option(names = "--image-version", defaultValue = "1.0") String version;
    @Option(names = "--format", description = "raw or qcow2 (default: raw)", defaultValue = "raw") String format;
    @Option(names = "--disks-bus") String disksBus;
    @Option(names = "--inbound-port") List<String> inboundPorts;
    @Option(names = "--valid-days", defaultValue = "180") int validDays;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "default: IMAGE.xml") Path output;

    public BuildMetadata(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        if (!Files.isRegularFile(imageFile)) {
            throw new CliException("No such file: " + imageFile);
        }
        boolean gz = imageFile.getFileName().toString().endsWith(".gz");
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long bytes = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(imageFile), 1 << 16);
                InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                sha1.update(buf, 0, n);
                bytes += n;
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + imageFile + ": " + e.getMessage());
        }
        String hex = HexFormat.of().formatHex(sha1.digest());
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        ManifestEntry entry = ManifestEntry.newEntry(ImageIdentifier.fromSha1Hex(hex))
                .withSha1(hex).withBytes(bytes).withCreated(now).withEndorserEmail(endorserEmail)
                .withValid(now.plus(Duration.ofDays(validDays))).withDescription(description)
                .withCompression(gz ? "gz" : "none").withOs(os).withOsVersion(osVersion).withOsArch(osArch)
                .withVersion(version).withFormat(format).withLocations(locations);
        if (title != null) {
            entry = entry.withTitle(title);
        }
        if (creator != null) {
            entry = entry.withCreator(creator);
        }
        if (disksBus != null) {
            entry = entry.withDisksBus(disksBus);
        }
        if (inboundPorts != null) {
            entry = entry.withInboundPorts(inboundPorts);
        }
        Path out = output != null ? output : imageFile.resolveSibling(imageFile.getFileName() + ".xml");
        Files.write(out, entry.toXml());
        ctx.out().println(entry.identifier().orElseThrow() + " " + out);
        return 0;
    }
}
