package eu.stratuslab.pdisk.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Detects qcow2 images by their magic so snapshots name the right backing format. */
final class Qcow2 {

    private Qcow2() {
    }

    static boolean isQcow2(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I' && (magic[3] & 0xff) == 0xfb;
        }
    }

    static String format(Path file) throws IOException {
        return isQcow2(file) ? "qcow2" : "raw";
    }
}
