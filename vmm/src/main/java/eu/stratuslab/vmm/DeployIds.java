package eu.stratuslab.vmm;

import java.util.regex.Pattern;

/** Names the core and the node tools agree on: domains are called {@code one-<vmid>}. */
public final class DeployIds {
    private static final Pattern ONE_DOMAIN = Pattern.compile("one-\\d+");

    private DeployIds() {}

    public static String domainName(long vmId) {
        return "one-" + vmId;
    }

    public static boolean isOneDomain(String name) {
        return name != null && ONE_DOMAIN.matcher(name).matches();
    }
}
