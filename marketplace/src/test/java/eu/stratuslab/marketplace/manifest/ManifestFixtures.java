package eu.stratuslab.marketplace.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The example manifest of hooks.md §6, as bytes and text. */
public final class ManifestFixtures {

    public static final String EXAMPLE_ID = "BN1EEkPiBx87_uLj2-sdybSI-Xb";
    public static final String EXAMPLE_SHA1 = "137510490f881c7ceffb8b8f6fac7726d223e5db";

    private ManifestFixtures() {
    }

    public static byte[] exampleBytes() {
        try (InputStream in = ManifestFixtures.class.getResourceAsStream("example-manifest.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String exampleText() {
        return new String(exampleBytes(), StandardCharsets.UTF_8);
    }

    /** The single entry of the example. */
    public static ManifestEntry exampleEntry() {
        try {
            return Manifest.parse(exampleBytes()).entries().get(0);
        } catch (ManifestException e) {
            throw new IllegalStateException(e);
        }
    }
}
