package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;

/**
 * Exports volumes as iSCSI targets {@code iqn.2011-01.eu.stratuslab:<uuid>} (LUN 1) of a running
 * tgtd through {@code tgtadm}, and keeps the target file ({@code /etc/stratuslab/iscsi.conf},
 * included from {@code /etc/tgt/targets.conf}) in step so tgtd restores the exports at boot.
 * All changes are serialised: target ids and the file are shared by every volume.
 */
public final class TgtExporter {

    private static final Pattern TARGET_LINE = Pattern.compile("^Target (\\d+): (\\S+)\\s*$", Pattern.MULTILINE);

    private final CommandRunner runner;
    private final Path targetsFile;
    private final int controlPort;
    private final Object lock = new Object();

    /**
     * @param controlPort tgtd management port ({@code tgtd -C}); 0 for tgtd's default socket
     */
    public TgtExporter(CommandRunner runner, Path targetsFile, int controlPort) {
        this.runner = runner;
        this.targetsFile = targetsFile;
        this.controlPort = controlPort;
    }

    public void export(String uuid, Path backingStore) {
        String iqn = VolumeNames.iqn(uuid);
        String errorMsg = "Unable to create volume on backend storage: " + uuid;
        synchronized (lock) {
            int tid = nextTid();
            runner.runChecked(tgtadm("--mode", "target", "--op", "new", "--tid", Integer.toString(tid), "--targetname", iqn),
                    errorMsg);
            try {
                runner.runChecked(tgtadm("--mode", "logicalunit", "--op", "new", "--tid", Integer.toString(tid), "--lun", "1",
                        "--backing-store", backingStore.toString()), errorMsg);
                runner.runChecked(tgtadm("--mode", "target", "--op", "bind", "--tid", Integer.toString(tid),
                        "--initiator-address", "ALL"), errorMsg);
                addBlock(iqn, backingStore);
            } catch (RuntimeException e) {
                runner.run(tgtadm("--mode", "target", "--op", "delete", "--force", "--tid", Integer.toString(tid)));
                throw e;
            }
        }
    }

    public void unexport(String uuid) {
        String iqn = VolumeNames.iqn(uuid);
        synchronized (lock) {
            OptionalInt tid = findTid(iqn);
            if (tid.isPresent()) {
                runner.runChecked(tgtadm("--mode", "target", "--op", "delete", "--force", "--tid",
                        Integer.toString(tid.getAsInt())), "Unable to delete volume on backend storage: " + uuid);
            }
            removeBlock(iqn);
        }
    }

    public boolean isExported(String uuid) {
        synchronized (lock) {
            return findTid(VolumeNames.iqn(uuid)).isPresent();
        }
    }

    private int nextTid() {
        int max = 0;
        Matcher m = TARGET_LINE.matcher(show().output());
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max + 1;
    }

    private OptionalInt findTid(String iqn) {
        Matcher m = TARGET_LINE.matcher(show().output());
        while (m.find()) {
            if (m.group(2).equals(iqn)) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    private CommandResult show() {
        return runner.runChecked(tgtadm("--mode", "target", "--op", "show"), "Unable to list iSCSI targets");
    }

    private List<String> tgtadm(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("tgtadm");
        if (controlPort > 0) {
            argv.add("-C");
            argv.add(Integer.toString(controlPort));
        }
        argv.add("--lld");
        argv.add("iscsi");
        argv.addAll(List.of(args));
        return argv;
    }

    /** New blocks go on top, as the original driver wrote them. */
    private void addBlock(String iqn, Path backingStore) {
        String block = "<target " + iqn + ">\n backing-store " + backingStore + "\n</target>\n";
        try {
            String old = Files.exists(targetsFile) ? Files.readString(targetsFile, StandardCharsets.UTF_8) : "";
            writeAtomically(block + removeBlockText(old, iqn));
        } catch (IOException e) {
            throw new BackendException("cannot update " + targetsFile, e);
        }
    }

    private void removeBlock(String iqn) {
        try {
            if (Files.exists(targetsFile)) {
                writeAtomically(removeBlockText(Files.readString(targetsFile, StandardCharsets.UTF_8), iqn));
            }
        } catch (IOException e) {
            throw new BackendException("cannot update " + targetsFile, e);
        }
    }

    static String removeBlockText(String text, String iqn) {
        Pattern block = Pattern.compile("<target " + Pattern.quote(iqn) + ">.*?</target>\\n?", Pattern.DOTALL);
        return block.matcher(text).replaceAll("");
    }

    private void writeAtomically(String content) throws IOException {
        Path parent = targetsFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".iscsi", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, targetsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
