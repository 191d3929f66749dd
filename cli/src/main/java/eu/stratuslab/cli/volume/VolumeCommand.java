package eu.stratuslab.cli.volume;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.CloudOptions;
import eu.stratuslab.cli.Commands;
import eu.stratuslab.cli.PdiskOptions;
import eu.stratuslab.cli.remote.PdiskClient;
import java.util.regex.Pattern;
import picocli.CommandLine.Mixin;

/** What the volume commands share: cloud and pdisk options, the UUID and tag checks. */
abstract class VolumeCommand extends BaseCommand {
    static final int MAX_TAG = 40;
    static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    @Mixin CloudOptions cloud;
    @Mixin PdiskOptions pdisk;

    VolumeCommand(CliContext ctx) {
        super(ctx);
    }

    public CloudOptions cloudOptions() {
        return cloud;
    }

    public PdiskOptions pdiskOptions() {
        return pdisk;
    }

    PdiskClient pdisk() throws CliException {
        return Commands.pdisk(ctx, pdisk, cloud);
    }

    static String checkUuid(String uuid) throws CliException {
        if (!UUID.matcher(uuid).matches()) {
            throw new CliException("Invalid UUID: " + uuid, 2);
        }
        return uuid;
    }

    /** {@code tag} (null: none given) when it is short enough for pdisk. */
    static String checkTag(String tag) throws CliException {
        if (tag != null && tag.length() > MAX_TAG) {
            throw new CliException("Tag must have at most " + MAX_TAG + " characters", 2);
        }
        return tag;
    }
}
