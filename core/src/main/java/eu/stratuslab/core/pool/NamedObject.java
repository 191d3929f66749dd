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
}
