package eu.stratuslab.core.pool;

/** A pool object's id and name, both fixed for its whole life. */
public abstract class NamedObject implements PoolObject {
    private final int id;
    private final String name;

    protected NamedObject(int id, String name) {
        this.id = id;
        this.name = name;
    }

    @Override
    public final int id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    /** Why oned refuses {@code name} for any named object (empty, more than 128 chars), or null. */
    public static String invalidName(String name) {
        if (name == null || name.isEmpty()) {
            return "Invalid NAME, it cannot be empty";
        }
        if (name.length() > 128) {
            return "Invalid NAME, max length is 128 chars";
        }
        return null;
    }
}
