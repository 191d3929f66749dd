package eu.stratuslab.cli.volume;

import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-update-volume [-t TAG] [--public|--private] [--<type flag>] UUID} (§4.11). */
@Command(description = "Change a persistent volume's tag, visibility or type.")
public final class UpdateVolume extends VolumeCommand {
    @Parameters(index = "0", paramLabel = "UUID") String uuid;
    @Option(names = {"-t", "--tag"}) String tag;
    @Option(names = "--public") boolean isPublic;
    @Option(names = "--private") boolean isPrivate;
    @Option(names = "--machine-image-origin") boolean machineImageOrigin;
    @Option(names = "--machine-image-live") boolean machineImageLive;
    @Option(names = "--data-image-origin") boolean dataImageOrigin;
    @Option(names = "--data-image-live") boolean dataImageLive;
    @Option(names = "--data-image-raw-readonly") boolean dataImageRawReadonly;
    @Option(names = "--data-image-raw-read-write") boolean dataImageRawReadWrite;

    public UpdateVolume(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        checkUuid(uuid);
        Map<String, String> fields = new LinkedHashMap<>();
        if (checkTag(tag) != null) {
            fields.put("tag", tag);
        }
        if (isPublic && isPrivate) {
            throw new CliException("--public and --private exclude each other", 2);
        }
        if (isPublic || isPrivate) {
            fields.put("visibility", isPublic ? "PUBLIC" : "PRIVATE");
        }
        String type = null;
        int flags = 0;
        for (Object[] f : new Object[][] {{machineImageOrigin, "MACHINE_IMAGE_ORIGIN"}, {machineImageLive, "MACHINE_IMAGE_LIVE"},
            {dataImageOrigin, "DATA_IMAGE_ORIGIN"}, {dataImageLive, "DATA_IMAGE_LIVE"},
            {dataImageRawReadonly, "DATA_IMAGE_RAW_READONLY"}, {dataImageRawReadWrite, "DATA_IMAGE_RAW_READ_WRITE"}}) {
            if ((Boolean) f[0]) {
                type = (String) f[1];
                flags++;
            }
        }
        if (flags > 1) {
            throw new CliException("give at most one type flag", 2);
        }
        if (type != null) {
            fields.put("type", type);
        }
        if (fields.isEmpty()) {
            throw new CliException("nothing to update: give -t, --public/--private or a type flag", 2);
        }
        pdisk().update(uuid, fields);
        return 0;
    }
}
