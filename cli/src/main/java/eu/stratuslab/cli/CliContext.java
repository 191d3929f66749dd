package eu.stratuslab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may see of its surroundings: the environment variables, the home directory, the
 * terminal streams and the clock. The real ones in {@link Main}; tests give their own, so precedence
 * and output are tested without touching the process environment.
 */
public final class CliContext {
    private final Map<String, String> env;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Clock clock;

    public CliContext(Map<String, String> env, Path home, PrintStream out, PrintStream err, InputStream in, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.home = Objects.requireNonNull(home, "home");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.in = Objects.requireNonNull(in, "in");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The process's own context. The home directory is {@code $HOME} when set, as for the legacy
     * client ({@code os.path.expanduser}); the JVM's {@code user.home} comes from the password
     * database and ignores {@code $HOME}.
     */
    public static CliContext system() {
        String home = System.getenv("HOME");
        return new CliContext(System.getenv(), Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home")),
                System.out, System.err, System.in, Clock.systemUTC());
    }

    /** The variable's value, or null when it is unset or empty (Python's optparse defaults treat both alike). */
    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Path home() {
        return home;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    /** Prompts on the console without echo when there is one; otherwise reads a line of standard input. */
    public String readPassword(String prompt) throws IOException {
        java.io.Console console = System.console();
        if (console != null && in == System.in) {
            char[] pw = console.readPassword("%s", prompt);
            return pw == null ? "" : new String(pw);
        }
        err.print(prompt);
        err.flush();
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
