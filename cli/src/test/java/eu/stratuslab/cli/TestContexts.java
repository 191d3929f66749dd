package eu.stratuslab.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Contexts with a chosen environment and home, capturing what a command prints. */
public final class TestContexts {
    public final ByteArrayOutputStream out = new ByteArrayOutputStream();
    public final ByteArrayOutputStream err = new ByteArrayOutputStream();
    public final CliContext ctx;

    public TestContexts(Path home, Map<String, String> env) {
        this(home, env, "");
    }

    public TestContexts(Path home, Map<String, String> env, String stdin) {
        ctx = new CliContext(env, home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(Instant.parse("2014-06-12T10:11:12.345Z"), ZoneOffset.UTC));
    }

    /** Writes {@code text} as the user's {@code ~/.stratuslab/stratuslab-user.cfg} under {@code home}. */
    public static Path writeUserConfig(Path home, String text) throws IOException {
        Path cfg = home.resolve(".stratuslab/stratuslab-user.cfg");
        Files.createDirectories(cfg.getParent());
        return Files.writeString(cfg, text);
    }

    /** The argument vector of {@code command} with {@code args}, as {@link Main} receives it. */
    public static String[] argv(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    public String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
