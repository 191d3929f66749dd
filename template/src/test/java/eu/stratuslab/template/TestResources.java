package eu.stratuslab.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads test resources (verbatim copies of the spec's golden inputs). */
public final class TestResources {

    private TestResources() {
    }

    public static String read(String path) {
        try (InputStream in = TestResources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Template parseResource(String path) throws TemplateParseException {
        return TemplateParser.parse(read(path));
    }
}
