package eu.stratuslab.oneproxy.api;

import eu.stratuslab.core.Core;

/** The name and core access shared by the request classes. */
public abstract class AbstractMethod implements ApiMethod {
    protected final Core core;
    protected final RequestName requestName;

    protected AbstractMethod(Core core, RequestName requestName) {
        this.core = core;
        this.requestName = requestName;
    }

    @Override
    public final String name() {
        return requestName.name();
    }

    @Override
    public final String tag() {
        return requestName.tag();
    }
}
