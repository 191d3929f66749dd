package eu.stratuslab.pdisk.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;

/** Logical volumes {@code <vg>/<uuid>} managed with the commands of pdisk-api.md §10.3. */
public final class LvmBlockStore implements BlockStore {

    private static final Pattern LV_SIZE = Pattern.compile("([\\d.]+)g");

    private final String volumeGroup;
    private final CommandRunner runner;
    private final Duration settleDelay;

    /**
     * @param volumeGroup volume group path, e.g. {@code /dev/vg.02}
     * @param settleDelay pause between removing the export and removing the device (the original
     *                    waited 2 s for tgtd to release the device)
     */
    public LvmBlockStore(String volumeGroup, CommandRunner runner, Duration settleDelay) {
        this.volumeGroup = volumeGroup.endsWith("/") ? volumeGroup.substring(0, volumeGroup.length() - 1) : volumeGroup;
        this.runner = runner;
        this.settleDelay = settleDelay;
    }

    private String lv(String uuid) {
        return volumeGroup + "/" + VolumeNames.require(uuid);
    }

    @Override
    public void create(String uuid, long sizeGiB) {
        runner.runChecked(List.of("lvcreate", "-L", sizeGiB + "G", "-n", VolumeNames.require(uuid), volumeGroup),
                "Unable to create volume on backend storage: " + uuid + " of size " + sizeGiB);
    }

    @Override
    public void delete(String uuid) {
        pause();
        // dmsetup may fail when the device is already gone; lvremove is the step that matters
        runner.run(List.of("dmsetup", "remove", lv(uuid)));
        runner.runChecked(List.of("lvremove", "-f", lv(uuid)), "Unable to delete volume on backend storage: " + uuid);
    }

    @Override
    public void snapshot(String baseUuid, String newUuid, long sizeGiB) {
        runner.runChecked(List.of("lvcreate", "--snapshot", "-p", "rw", "--size", sizeGiB + "G", "-n",
                VolumeNames.require(newUuid), lv(baseUuid)),
                "Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB);
    }

    @Override
    public void copyToNew(String uuid, String newUuid) {
        String errorMsg = "Cannot rebase image on backend storage: " + uuid;
        CommandResult sizeResult = runner.runChecked(List.of("lvs", "-o", "lv_size", "--noheadings", "--units", "g",
                lv(uuid)), errorMsg);
        Matcher m = LV_SIZE.matcher(sizeResult.output());
        if (!m.find()) {
            throw new CommandFailedException(sizeResult, errorMsg);
        }
        long sizeGiB = (long) Math.ceil(Double.parseDouble(m.group(1)));
        runner.runChecked(List.of("lvcreate", "-L", sizeGiB + "G", "-n", VolumeNames.require(newUuid), volumeGroup), errorMsg);
        CommandResult dd = runner.run(List.of("dd", "if=" + lv(uuid), "of=" + lv(newUuid), "bs=1M"));
        if (!dd.succeeded()) {
            // compensate: the half-copied volume must not survive
            runner.run(List.of("lvremove", "-f", lv(newUuid)));
            throw new CommandFailedException(dd, errorMsg);
        }
    }

    @Override
    public Path path(String uuid) {
        return Path.of(lv(uuid));
    }

    @Override
    public boolean exists(String uuid) {
        return runner.run(List.of("test", "-b", lv(uuid))).succeeded();
    }

    private void pause() {
        if (settleDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(settleDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
