package eu.stratuslab.core.pool;

/** Every pool object has an id that is never reused and a name. */
public interface PoolObject {
    int id();

    String name();
}
