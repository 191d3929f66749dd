package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.Core;

/** Name, tag and core access shared by the request classes. */
public abstract class AbstractMethod implements ApiMethod {
    protected final Core core;
    private final String name;
    private final String tag;

    protected AbstractMethod(Core core, String name, String tag) {
        this.core = core;
        this.name = name;
        this.tag = tag;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String tag() {
        return tag;
    }
}
