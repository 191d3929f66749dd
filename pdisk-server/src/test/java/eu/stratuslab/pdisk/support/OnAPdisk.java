package eu.stratuslab.pdisk.support;

import org.junit.Rule;

/**
 * What the pdisk HTTP tests stand on: a {@link PdiskFixture} of their own (a file-backed pdisk on a
 * loopback port, its users and a client), started before each test and stopped after it. JUnit
 * finds the rule on this superclass.
 */
public abstract class OnAPdisk {
    @Rule
    public final PdiskFixture pdisk = new PdiskFixture();
}
