package eu.stratuslab.pdisk.support;

import java.nio.file.Path;

import eu.stratuslab.pdisk.PdiskConfig;
import eu.stratuslab.pdisk.PdiskServer;
import eu.stratuslab.infra.exec.ProcessCommandRunner;

/**
 * A pdisk server in a process of its own (for kill -9 tests): embedded H2 and file backend under
 * {@code args[0]}, HTTP on 127.0.0.1:{@code args[1]}, mounts recorded without hot-plug. Prints
 * {@code READY} once it serves, then runs until killed.
 */
public final class PdiskProcess {

    private PdiskProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        PdiskConfig cfg = PdiskFixture.localConfig(dir).withHttpPort(Integer.parseInt(args[1])).withNodeHotplug(false);
        PdiskServer server = new PdiskServer(cfg, null, new TestAuthLayer(), new ProcessCommandRunner(),
                new RecordingCommandRunner());
        server.start();
        System.out.println("READY " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
