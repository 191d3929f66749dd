package eu.stratuslab.hooks.context;

import static eu.stratuslab.hooks.context.ToolRequirement.requirePrograms;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import eu.stratuslab.infra.exec.Programs;
import eu.stratuslab.template.VectorAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ContextImageBuilderTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final String KEY = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7examplekey alice@example.org\n";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final CommandRunner runner = new ProcessCommandRunner();
    private Path scripts;
    private Path vmDir;
    private Path image;

    @Before
    public void setUp() throws IOException {
        scripts = tmp.getRoot().toPath().resolve("share/stratuslab/context");
        GuestScripts.install(scripts);
        vmDir = tmp.getRoot().toPath().resolve("vms/42");
        image = vmDir.resolve("images/disk.1");
    }

    private ContextImageBuilder builder(Function<String, Path> programs) {
        return new ContextImageBuilder(runner, scripts, TIMEOUT, programs);
    }

    /** For failures that must happen before any tool runs: pretends every tool is installed. */
    private ContextImageBuilder builderThatMustNotRunAnything() {
        CommandRunner mustNotRun = (argv, t) -> {
            throw new AssertionError("ran " + argv);
        };
        return new ContextImageBuilder(mustNotRun, scripts, TIMEOUT, p -> Path.of("/usr/bin", p));
    }

    private static Function<String, Path> hiding(String... hidden) {
        Set<String> h = Set.of(hidden);
        return p -> h.contains(p) ? null : Programs.find(p);
    }

    private VectorAttribute isoContext() throws IOException {
        Path extra = tmp.newFile("extra.txt").toPath();
        Files.writeString(extra, "payload for the guest\n");
        VectorAttribute c = new VectorAttribute("CONTEXT");
        c.put("PUBLIC_KEY", KEY);
        c.put("HOSTNAME", "vm42");
        c.put("TARGET", "hdd");
        c.put("FILES", extra.toString());
        return c;
    }

    // ---- ISO ----------------------------------------------------------------------------------

    @Test
    public void isoBuiltWithGenisoimageHasLabelScriptsFilesAndContext() throws Exception {
        requirePrograms("genisoimage", "isoinfo");
        VectorAttribute context = isoContext();
        ContextDisk disk = builder(Programs::find).build(context, vmDir, image);

        assertEquals(new ContextDisk(image, true, "raw"), disk);
        assertBuiltFilesAndNoLeftovers(context);
        String pvd = run("isoinfo", "-d", "-i", image.toString());
        assertTrue(pvd, pvd.contains("Volume id: _STRATUSLAB"));
        assertTrue(pvd, pvd.contains("Joliet with UCS level 3 found"));
        assertTrue(pvd, pvd.contains("Rock Ridge signatures version 1 found"));
        Set<String> listed = Stream.of(run("isoinfo", "-R", "-f", "-i", image.toString()).split("\n"))
                .map(String::strip).collect(Collectors.toSet());
        assertEquals(Set.of("/context.sh", "/extra.txt", "/init.sh", "/epilog.sh", "/prolog.sh"), listed);
        assertEquals(ContextScript.render(context), run("isoinfo", "-R", "-i", image.toString(), "-x", "/context.sh"));
        assertEquals(GuestScripts.text("init.sh"), run("isoinfo", "-R", "-i", image.toString(), "-x", "/init.sh"));
        assertEquals("payload for the guest\n", run("isoinfo", "-R", "-i", image.toString(), "-x", "/extra.txt"));
    }

    @Test
    public void isoBuiltWithXorrisoWhenGenisoimageIsMissing() throws Exception {
        requirePrograms("xorriso");
        VectorAttribute context = isoContext();
        ContextDisk disk = builder(hiding("genisoimage")).build(context, vmDir, image);

        assertEquals(new ContextDisk(image, true, "raw"), disk);
        assertBuiltFilesAndNoLeftovers(context);
        String pvd = run("xorriso", "-indev", image.toString(), "-pvd_info");
        assertTrue(pvd, pvd.matches("(?s).*Volume Id\\s*:\\s*_STRATUSLAB\\s.*"));
        String ls = run("xorriso", "-indev", image.toString(), "-ls", "/");
        for (String name : List.of("context.sh", "extra.txt", "init.sh", "epilog.sh", "prolog.sh")) {
            assertTrue(ls, ls.contains("'" + name + "'"));
        }
        String joliet = run("xorriso", "-indev", image.toString(), "-report_el_torito", "plain", "-toc");
        assertTrue(joliet, joliet.contains("Joliet"));
        Path out = tmp.getRoot().toPath().resolve("extracted");
        run("xorriso", "-osirrox", "on", "-indev", image.toString(), "-extract", "/context.sh", out.toString());
        assertEquals(ContextScript.render(context), Files.readString(out));
    }

    private void assertBuiltFilesAndNoLeftovers(VectorAttribute context) throws IOException {
        assertEquals(ContextScript.render(context), Files.readString(vmDir.resolve("context.sh")));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
        try (Stream<Path> s = Files.list(vmDir)) {
            assertEquals(Set.of("context.sh", "images"),
                    s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        try (Stream<Path> s = Files.list(image.getParent())) {
            assertEquals(List.of(image), s.toList());
        }
    }

    @Test
    public void rebuildReplacesThePreviousImage() throws Exception {
        requirePrograms("genisoimage", "isoinfo");
        VectorAttribute context = isoContext();
        builder(Programs::find).build(context, vmDir, image);
        context.put("HOSTNAME", "renamed");
        context.remove("FILES");
        builder(Programs::find).build(context, vmDir, image);

        assertEquals(ContextScript.render(context), run("isoinfo", "-R", "-i", image.toString(), "-x", "/context.sh"));
        String listed = run("isoinfo", "-R", "-f", "-i", image.toString());
        assertFalse(listed, listed.contains("extra.txt"));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(image)));
    }

    @Test
    public void missingContextFileIsAClearFailureAndLeavesNoStaging() throws Exception {
        VectorAttribute context = isoContext();
        context.put("FILES", context.get("FILES") + " /nonexistent/secret.txt");
        try {
            builderThatMustNotRunAnything().build(context, vmDir, image);
            fail("built with a missing FILES entry");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("/nonexistent/secret.txt"));
            assertTrue(e.getMessage(), e.getMessage().contains("FILES"));
        }
        assertFalse(Files.exists(image));
        try (Stream<Path> s = Files.list(vmDir)) {
            assertEquals(Set.of("context.sh", "images"),
                    s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    public void contextFileNamedLikeAGuestScriptIsRefused() throws Exception {
        Path clash = tmp.newFolder("other").toPath().resolve("init.sh");
        Files.writeString(clash, "echo pwned\n");
        VectorAttribute context = isoContext();
        context.put("FILES", clash.toString());
        try {
            builderThatMustNotRunAnything().build(context, vmDir, image);
            fail("a FILES entry replaced the shipped init.sh");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(clash.toString()));
        }
    }

    @Test
    public void neitherIsoToolInstalledNamesBothPackages() throws Exception {
        CommandRunner mustNotRun = (argv, t) -> {
            throw new AssertionError("ran " + argv);
        };
        try {
            new ContextImageBuilder(mustNotRun, scripts, TIMEOUT, p -> null).build(isoContext(), vmDir, image);
            fail("built an ISO without genisoimage or xorriso");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("genisoimage or xorriso"));
        }
    }

    @Test
    public void missingGuestScriptIsAClearFailure() throws Exception {
        Files.delete(scripts.resolve("epilog.sh"));
        try {
            builderThatMustNotRunAnything().build(isoContext(), vmDir, image);
            fail("built without epilog.sh");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("epilog.sh"));
        }
    }

    @Test
    public void failingIsoToolReportsItsOutput() throws Exception {
        CommandRunner failing = (argv, t) -> new CommandResult(argv, 2, "genisoimage: No space left on device\n");
        try {
            new ContextImageBuilder(failing, scripts, TIMEOUT, p -> Path.of("/usr/bin", p))
                    .build(isoContext(), vmDir, image);
            fail("a failed genisoimage went unnoticed");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("No space left on device"));
        }
        assertFalse(Files.exists(image));
    }

    // ---- cloud-init -----------------------------------------------------------------------------

    private static VectorAttribute cloudInitContext(String userData) {
        VectorAttribute c = new VectorAttribute("CONTEXT");
        c.put("CONTEXT_METHOD", "cloud-init");
        c.put("TARGET", "hdd");
        c.put("CLOUD_INIT_USER_DATA", userData);
        c.put("CLOUD_INIT_AUTHORIZED_KEYS", Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    @Test
    public void cloudInitImageHoldsMetaJsAndAuthorizedKeys() throws Exception {
        requirePrograms("mformat", "mcopy", "mmd", "mtype", "mdir");
        String userData = "#cloud-config\nruncmd:\n  - echo \"quoted\" \\ backslash\n";
        VectorAttribute context = cloudInitContext(
                Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        context.put("DRIVER", "qcow2");
        ContextDisk disk = builder(Programs::find).build(context, vmDir, image);

        assertEquals(new ContextDisk(image, false, "qcow2"), disk);
        assertBuiltFilesAndNoLeftovers(context);
        assertEquals(1440 * 1024, Files.size(image));
        JsonNode meta = new ObjectMapper().readTree(run("mtype", "-i", image.toString(), "::meta.js"));
        assertEquals(userData, meta.get("user-data").asText());
        assertEquals("local", meta.get("dsmode").asText());
        assertEquals(2, meta.size());
        assertEquals(KEY, run("mtype", "-i", image.toString(), "::root/.ssh/authorized_keys"));
        String root = run("mdir", "-b", "-i", image.toString(), "::");
        assertTrue(root, root.toLowerCase().contains("meta.js"));
    }

    @Test
    public void gzippedUserDataIsDecompressed() throws Exception {
        requirePrograms("mformat", "mcopy", "mmd", "mtype");
        String userData = "#cloud-config\npackages: [htop]\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(userData.getBytes(StandardCharsets.UTF_8));
        }
        VectorAttribute context = cloudInitContext(Base64.getEncoder().encodeToString(gz.toByteArray()));
        ContextDisk disk = builder(Programs::find).build(context, vmDir, image);

        assertEquals(new ContextDisk(image, false, "raw"), disk);
        JsonNode meta = new ObjectMapper().readTree(run("mtype", "-i", image.toString(), "::meta.js"));
        assertEquals(userData, meta.get("user-data").asText());
    }

    @Test
    public void legacyClientUserDataFromTheSpecDecodesToItsMimeMultipart() throws Exception {
        // The CLOUD_INIT_USER_DATA of template.md's legacy-CLI example (gzip level 9 of a multipart).
        String sent = "H4sIAAAAAAACA22PMY/CMAyF9/yKqMwGbjqpVSZgYGA7sZxuMInbWrROlLhS+fdX3VAdAo9+z+97PkRREoWvR6LajtOgnDDrbuSZQmNvcZKA"
                + "+eEq9zx75ypzOV9OcKVcOEptP7Z7YwBejebwBFGadeeHOAXwUVruGut7zIXUVVMBLJ75XfaaklFKSxlO4mNg6Wr7eWNd9SOXFAvr3yGqou/HZd"
                + "/YlgcSHGnBhK3OWhmz+d/DJPR37KjU9rvXmH7evwNgfgGhSULSNgEAAA==";
        String decoded = ContextImageBuilder.userData(sent);
        assertTrue(decoded, decoded.startsWith("Content-Type: multipart/mixed; boundary=\"===============0==\"\n"));
        assertTrue(decoded, decoded.contains("\n#cloud-config\npackages: [htop]\n"));
    }

    @Test
    public void invalidBase64UserDataIsAClearFailure() throws Exception {
        try {
            builderThatMustNotRunAnything().build(cloudInitContext("not base64 at all!"), vmDir, image);
            fail("accepted invalid base64");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("CLOUD_INIT_USER_DATA is not valid base64"));
        }
        assertFalse(Files.exists(image));
    }

    @Test
    public void missingMtoolsNamesThePackage() throws Exception {
        try {
            builder(hiding("mformat", "mcopy", "mmd")).build(cloudInitContext(""), vmDir, image);
            fail("built a VFAT image without mtools");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("mtools"));
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(1, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " exited with " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
