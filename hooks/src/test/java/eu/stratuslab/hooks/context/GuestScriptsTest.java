package eu.stratuslab.hooks.context;

import static eu.stratuslab.hooks.context.ToolRequirement.requirePrograms;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.infra.exec.Programs;
import eu.stratuslab.template.VectorAttribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Runs the shipped guest scripts against a temporary root, under the system {@code sh} and under
 * {@code busybox sh} with nothing but busybox applets on the PATH (as in a minimal guest).
 */
@RunWith(Parameterized.class)
public class GuestScriptsTest {
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org";

    @Parameters(name = "{0}")
    public static List<Object[]> shells() {
        return List.of(new Object[] {"sh"}, new Object[] {"busybox"});
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final String shell;
    private Path disk;
    private Path root;
    private Path tmpDir;
    private Path busyboxBin;

    public GuestScriptsTest(String shell) {
        this.shell = shell;
    }

    @Before
    public void setUp() throws Exception {
        requirePrograms(shell);
        disk = tmp.newFolder("mnt", "stratuslab").toPath();
        GuestScripts.install(disk);
        root = tmp.newFolder("guest-root").toPath();
        tmpDir = tmp.newFolder("guest-tmp").toPath();
        if (shell.equals("busybox")) {
            busyboxBin = tmp.newFolder("busybox-bin").toPath();
            Path busybox = Programs.find("busybox");
            String applets = new String(new ProcessBuilder(busybox.toString(), "--list").start().getInputStream()
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String applet : applets.split("\\s+")) {
                if (!applet.isEmpty()) {
                    Files.createSymbolicLink(busyboxBin.resolve(applet), busybox);
                }
            }
        }
    }

    private void writeContext(Map<String, String> values) throws IOException {
        VectorAttribute c = new VectorAttribute("CONTEXT");
        values.forEach(c::put);
        Files.writeString(disk.resolve("context.sh"), ContextScript.render(c));
    }

    private record Run(int exit, String output) {
    }

    private Run runScript(String script, Path contextDir) throws Exception {
        List<String> argv = new ArrayList<>(shell.equals("busybox") ? List.of("busybox", "sh") : List.of("sh"));
        argv.add(disk.resolve(script).toString());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("STRATUSLAB_ROOT", root.toString());
        pb.environment().put("STRATUSLAB_CONTEXT_DIR", contextDir.toString());
        pb.environment().put("TMPDIR", tmpDir.toString());
        if (busyboxBin != null) {
            pb.environment().put("PATH", busyboxBin.toString());
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private Run runScript(String script) throws Exception {
        return runScript(script, disk);
    }

    private Path keys() {
        return root.resolve("root/.ssh/authorized_keys");
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    public void installedScriptsAreExecutableCopiesOfTheResources() throws Exception {
        for (String name : GuestScripts.NAMES) {
            assertEquals("rwxr-xr-x", mode(disk.resolve(name)));
            assertEquals(GuestScripts.text(name), Files.readString(disk.resolve(name)));
        }
    }

    @Test
    public void initAppendsThePublicKeyAndRestrictsPermissions() throws Exception {
        Files.createDirectories(keys().getParent());
        Files.writeString(keys(), "ssh-ed25519 AAAAexisting bob@example.org"); // no final newline
        Files.setPosixFilePermissions(keys().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        writeContext(Map.of("PUBLIC_KEY", KEY + "\n", "TARGET", "hdd"));

        Run r = runScript("init.sh");

        assertEquals(r.output(), 0, r.exit());
        assertEquals("ssh-ed25519 AAAAexisting bob@example.org\n" + KEY + "\n", Files.readString(keys()));
        assertEquals("rwx------", mode(keys().getParent()));
        assertEquals("rw-------", mode(keys()));

        assertEquals(0, runScript("init.sh").exit());
        assertEquals("ssh-ed25519 AAAAexisting bob@example.org\n" + KEY + "\n" + KEY + "\n", Files.readString(keys()));
    }

    @Test
    public void epilogOverwritesAuthorizedKeys() throws Exception {
        Files.createDirectories(keys().getParent());
        Files.writeString(keys(), "ssh-ed25519 AAAAexisting bob@example.org\n");
        writeContext(Map.of("PUBLIC_KEY", KEY + "\n"));

        Run r = runScript("epilog.sh");

        assertEquals(r.output(), 0, r.exit());
        assertEquals(KEY + "\n", Files.readString(keys()));
        assertEquals("rwx------", mode(keys().getParent()));
        assertEquals("rw-------", mode(keys()));
    }

    @Test
    public void withoutPublicKeyNothingIsWrittenUnderRoot() throws Exception {
        writeContext(Map.of("HOSTNAME", "vm1"));
        Run r = runScript("init.sh");
        assertEquals(r.output(), 0, r.exit());
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    public void scriptExecRunsWithEveryContextVariableExported() throws Exception {
        Path envOut = tmp.getRoot().toPath().resolve("env.out");
        writeContext(Map.of("USER_A", "1", "B", "two words", "PUBLIC_KEY", KEY + "\n",
                "SCRIPT_EXEC", "env > " + envOut + "; echo script-exec-ran"));

        Run r = runScript("init.sh");

        assertEquals(r.output(), 0, r.exit());
        List<String> env = Arrays.asList(Files.readString(envOut).split("\n"));
        assertTrue(env.toString(), env.contains("USER_A=1"));
        assertTrue(env.toString(), env.contains("B=two words"));
        assertTrue(env.toString(), env.contains("SCRIPT_EXEC=env > " + envOut + "; echo script-exec-ran"));
        assertTrue(env.toString(), env.contains("PUBLIC_KEY=" + KEY));
        assertTrue(r.output(), r.output().contains("script-exec-ran"));
        try (Stream<Path> s = Files.list(tmpDir)) {
            assertEquals("the temporary init_extra.sh is removed", List.of(), s.toList());
        }
    }

    @Test
    public void scriptExecExitStatusIsInitsExitStatus() throws Exception {
        writeContext(Map.of("SCRIPT_EXEC", "exit 7"));
        assertEquals(7, runScript("init.sh").exit());
    }

    @Test
    public void epilogRunsScriptExecAndEndsWithItsExitStatus() throws Exception {
        writeContext(Map.of("SCRIPT_EXEC", "echo epilog-script-exec-ran; exit 7"));
        Run r = runScript("epilog.sh");
        assertEquals(r.output(), 7, r.exit());
        assertTrue(r.output(), r.output().contains("epilog-script-exec-ran"));
    }

    @Test
    public void contextIsReadFromTheScriptsDirectoryWhenTheMountPointHasNone() throws Exception {
        writeContext(Map.of("PUBLIC_KEY", KEY + "\n"));
        Run r = runScript("init.sh", tmp.newFolder("empty-mount").toPath());
        assertEquals(r.output(), 0, r.exit());
        assertEquals(KEY + "\n", Files.readString(keys()));
    }

    @Test
    public void missingContextIsAnError() throws Exception {
        Run r = runScript("init.sh");
        assertNotEquals(0, r.exit());
        assertTrue(r.output(), r.output().contains("no context.sh"));
        assertFalse(Files.exists(keys()));
    }

    @Test
    public void prologDoesNothing() throws Exception {
        writeContext(Map.of("PUBLIC_KEY", KEY + "\n", "SCRIPT_EXEC", "touch " + root.resolve("touched")));
        Run r = runScript("prolog.sh");
        assertEquals(0, r.exit());
        assertEquals("", r.output());
        try (Stream<Path> s = Files.list(root)) {
            assertEquals(List.of(), s.toList());
        }
    }
}
