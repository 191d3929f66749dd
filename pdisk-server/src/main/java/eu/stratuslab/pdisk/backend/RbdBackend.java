package eu.stratuslab.pdisk.backend;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;

/** Ceph RBD images through the {@code rbd} command (pdisk-api.md §10.6). */
public final class RbdBackend implements StorageBackend {

    private final CommandRunner runner;
    private final String identity;
    private final List<String> monitors;
    private final String pool;
    private final String snapshotName;

    public RbdBackend(CommandRunner runner, String identity, List<String> monitors, String pool, String snapshotName) {
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException("Ceph backend needs at least one monitor");
        }
        this.runner = runner;
        this.identity = identity;
        this.monitors = List.copyOf(monitors);
        this.pool = pool;
        this.snapshotName = snapshotName;
    }

    @Override
    public String kind() {
        return "ceph";
    }

    private String image(String uuid) {
        return pool + "/" + VolumeNames.require(uuid);
    }

    private String snap(String uuid) {
        return image(uuid) + "@" + snapshotName;
    }

    private List<String> rbd(String... args) {
        List<String> argv = new ArrayList<>(List.of("rbd", "--no-progress", "--id", identity));
        argv.addAll(List.of(args));
        return argv;
    }

    @Override
    public void create(String uuid, long sizeGiB) {
        runner.runChecked(rbd("create", "--size", Long.toString(sizeGiB * 1024), "--image-format", "2", image(uuid)),
                "Unable to create volume on backend storage: " + uuid + " of size " + sizeGiB);
    }

    @Override
    public void delete(String uuid) {
        String errorMsg = "Unable to delete volume on backend storage: " + uuid;
        tolerating(rbd("snap", "unprotect", snap(uuid)), errorMsg, "No such file", "not protected");
        tolerating(rbd("snap", "rm", snap(uuid)), errorMsg, "No such file");
        runner.runChecked(rbd("rm", image(uuid)), errorMsg);
    }

    @Override
    public void snapshot(String baseUuid, String newUuid, long sizeGiB) {
        String errorMsg = "Cannot create copy on write volume: " + baseUuid + " " + newUuid + " " + sizeGiB;
        tolerating(rbd("snap", "create", snap(baseUuid)), errorMsg, "File exists");
        tolerating(rbd("snap", "protect", snap(baseUuid)), errorMsg, "busy");
        runner.runChecked(rbd("clone", snap(baseUuid), image(newUuid)), errorMsg);
    }

    @Override
    public Optional<String> rebase(String uuid, String newUuid) {
        runner.runChecked(rbd("flatten", image(uuid)), "Cannot rebase image on backend storage: " + uuid);
        return Optional.empty();
    }

    @Override
    public String turl(String uuid) {
        String monitor = monitors.get(ThreadLocalRandom.current().nextInt(monitors.size()));
        return "rbd://" + monitor + "/" + image(uuid);
    }

    @Override
    public boolean exists(String uuid) {
        return runner.run(rbd("info", image(uuid))).succeeded();
    }

    @Override
    public InputStream openForRead(String uuid) {
        throw new BackendUnsupportedException("download is not supported by the Ceph backend");
    }

    @Override
    public OutputStream openForWrite(String uuid) {
        throw new BackendUnsupportedException("content initialisation is not supported by the Ceph backend");
    }

    /** Runs a step whose failure is acceptable when the output says the wanted state already holds. */
    private void tolerating(List<String> argv, String errorMsg, String... fineOutputs) {
        CommandResult r = runner.run(argv);
        if (r.succeeded()) {
            return;
        }
        for (String fine : fineOutputs) {
            if (r.output().contains(fine)) {
                return;
            }
        }
        throw new CommandFailedException(r, errorMsg);
    }
}
