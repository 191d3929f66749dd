package eu.stratuslab.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.testsupport.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The shipped artefacts, after {@code package}: the wrapper scripts of {@code src/main/scripts}
 * running the shaded jar in their own processes (so a class the shading left out, or an exit
 * status lost on the way out of the JVM, fails here), against the cloud of {@link CliAgainstCloudTest}
 * with the same user configuration (found through {@code HOME}).
 */
public class WrapperScriptsIT {
    private static Path cache;

    @BeforeClass
    public static void startCloud() throws Exception {
        CliAgainstCloudTest.startCloud();
        cache = Files.createTempDirectory("cli-cache");
    }

    @AfterClass
    public static void stopCloud() throws Exception {
        CliAgainstCloudTest.stopCloud();
    }

    record Result(int status, String out, String err) {
    }

    private static Result script(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of("src/main/scripts", command).toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("STRATUSLAB_"));
        env.put("HOME", CliAgainstCloudTest.userHome.toString());
        env.put("XDG_CACHE_HOME", cache.toString());
        env.put("STRATUSLAB_CLI_JAR", Path.of(System.getProperty("cli.jar", "target/stratuslab-cli.jar")).toAbsolutePath().toString());
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within 120 s");
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    public void theScriptsRunAVmAndAVolumeThroughTheShadedJar() throws Exception {
        Result run = script("stratus-run-instance", "-t", "test.tiny", "--vm-cpu-amount", "0.5", CliAgainstCloudTest.imageId);
        assertEquals(run.toString(), 0, run.status());
        Matcher m = Pattern.compile("vm ID: (\\d+)\\)\n\tPublic ip: ").matcher(run.out());
        assertTrue(run.out(), m.find());
        String id = m.group(1);
        Await.await("VM " + id + " Running", Duration.ofSeconds(90), () -> {
            try {
                return script("stratus-describe-instance", "-n", id).out().contains("\n" + id + " ".repeat(4 - id.length()) + "Running ");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue("the first run made the class-data archive", Files.list(cache.resolve("stratuslab")).anyMatch(f -> f.toString().endsWith(".jsa")));

        Result created = script("stratus-create-volume", "-s", "1");
        assertTrue(created.toString(), created.status() == 0 && created.out().matches("DISK [0-9a-f-]{36}\n"));
        String uuid = created.out().substring(5).strip();
        Result described = script("stratus-describe-volumes", uuid);
        assertTrue(described.toString(), described.out().startsWith(":: DISK " + uuid + "\n"));
        assertEquals("DELETED " + uuid + "\n", script("stratus-delete-volume", uuid).out());

        assertEquals(0, script("stratus-kill-instance", id).status());
        Result refused = script("stratus-kill-instance", "99999");
        assertEquals(refused.toString(), 255, refused.status());
        assertTrue(refused.err(), refused.err().startsWith("Error: [VirtualMachineAction]"));
        assertEquals(2, script("stratus-describe-instance", "--no-such-option").status());
    }
}
