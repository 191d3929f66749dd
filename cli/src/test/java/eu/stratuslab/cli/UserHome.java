package eu.stratuslab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.rules.TemporaryFolder;

/** A scratch user home ({@code ~}) for a CLI test, in a temporary folder deleted after the test. */
public final class UserHome extends TemporaryFolder {
    private Path path;

    @Override
    protected void before() throws Throwable {
        super.before();
        path = newFolder("home").toPath();
    }

    public Path path() {
        return path;
    }

    /** A file or folder under the home. */
    public Path resolve(String other) {
        return path.resolve(other);
    }

    /** Writes the user's {@code ~/.stratuslab/stratuslab-user.cfg}. */
    public Path writeConfig(String text) throws IOException {
        return TestContexts.writeUserConfig(path, text);
    }

    /** A context whose home this is, with {@code env} as its environment. */
    public TestContexts context(Map<String, String> env) {
        return new TestContexts(path, env);
    }
}
