package eu.stratuslab.infra.exec;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;

import org.junit.Test;

public class ProcessCommandRunnerTest {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    public void mergesOutputAndReportsExitCode() {
        CommandResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, r.exitCode());
        assertTrue(r.output(), r.output().contains("out") && r.output().contains("err"));
    }

    @Test
    public void killsCommandAndItsChildrenAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        try {
            runner.run(List.of("sh", "-c", "sleep 60 & echo $! > /dev/null; sleep 60"), Duration.ofMillis(300));
            fail("expected a timeout");
        } catch (CommandTimeoutException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("timed out"));
        }
        // well before the 60 s the command would have taken
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
    }

    @Test
    public void failureMessageHasTheSpecLayout() {
        CommandResult r = runner.run(List.of("sh", "-c", "echo boom; exit 2"));
        CommandFailedException e = new CommandFailedException(r, "Unable to map: x");
        assertEquals("An error occurred while executing command: sh -c echo boom; exit 2 .\nboom\nUnable to map: x.\nReturn code was: 2",
                e.getMessage());
    }

    @Test
    public void missingProgramIsExit127NotAnException() {
        assertEquals(127, runner.run(List.of("/nonexistent/pdisk-tool")).exitCode());
    }
}
