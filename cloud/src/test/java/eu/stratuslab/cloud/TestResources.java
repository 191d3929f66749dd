package eu.stratuslab.cloud;

/** Teardown for tests that hold several resources (a cloud, an image server, a daemon…). */
final class TestResources {
    private TestResources() {
    }

    /** Closes each resource that is there, in order, all of them even when one fails; the first failure is thrown. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Throwable failure = null;
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    failure = firstOf(failure, e);
                }
            }
        }
        if (failure != null) {
            throw (Exception) failure;
        }
    }

    /** {@code later} added to {@code first} as suppressed, or {@code later} when there is no first failure. */
    static Throwable firstOf(Throwable first, Throwable later) {
        if (first == null) {
            return later;
        }
        first.addSuppressed(later);
        return first;
    }
}
