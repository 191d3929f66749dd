package eu.stratuslab.cloud;

import org.junit.Rule;

/**
 * What every cloud acceptance test stands on: a {@link CloudSite} of its own (homes, launchers and
 * clients, closed newest first when the test ends). JUnit finds the rule on this superclass.
 */
abstract class OnACloudSite {
    @Rule
    public final CloudSite site = new CloudSite();
}
