package eu.stratuslab.marketplace.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import eu.stratuslab.infra.http.CappedInputStream;

/** Stream wrappers that tell the client's faults apart from the server's. */
final class Streams {

    private Streams() {
    }

    /** More bytes than allowed were read. */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** Reading the client's request body failed (client gone, truncated body). */
    static final class ClientBodyException extends IOException {
        ClientBodyException(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    /** Fails with {@link TooLargeException} once more than {@code max} bytes went through. */
    static InputStream capped(InputStream in, long max, String what) {
        return new CappedInputStream(in, max) {
            @Override
            protected IOException tooLarge(long limit) {
                return new TooLargeException(what + " is larger than " + limit + " bytes");
            }
        };
    }

    /** Marks read failures of a request body as the client's. */
    static InputStream clientBody(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new ClientBodyException(e);
                }
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                try {
                    return super.read(buffer, off, len);
                } catch (IOException e) {
                    throw new ClientBodyException(e);
                }
            }
        };
    }
}
