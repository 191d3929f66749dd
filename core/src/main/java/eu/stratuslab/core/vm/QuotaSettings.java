package eu.stratuslab.core.vm;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The default per-user quotas (xmlrpc-api.md §10): for the site, for the members of a group and for
 * one user; the most specific value wins (user, then group, then site), and a user's own template
 * ({@code QUOTA_CPU}, {@code QUOTA_MEMORY}, {@code QUOTA_VMS}) overrides them all. Each quota limits
 * one user's VMs that are not DONE: the sum of their CPU, the sum of their MEMORY (MB), their
 * number. A value of 0 or less means unlimited. A group entry sets the quota of each member, not a
 * total for the group (OpenNebula 3.2's quota driver counted per user).
 *
 * <p>Configuration keys ({@link #parse}): {@code quota.cpu}, {@code quota.memory} (MB, or with a
 * {@code MB}/{@code GB} suffix), {@code quota.vms}, and the same under
 * {@code quota.group.<group name>.} and {@code quota.user.<user name>.}.
 */
public record QuotaSettings(Limits site, Map<String, Limits> byGroup, Map<String, Limits> byUser) {

    /** CPU (sum of TEMPLATE/CPU), memory (MB) and number of VMs; null: not set at this level. */
    public record Limits(Double cpu, Double memoryMb, Integer vms) {
        static final Limits UNSET = new Limits(null, null, null);

        /** This level's values where set, {@code base}'s elsewhere. */
        Limits over(Limits base) {
            return new Limits(cpu != null ? cpu : base.cpu, memoryMb != null ? memoryMb : base.memoryMb,
                    vms != null ? vms : base.vms);
        }
    }

    /** The project's defaults: CPU 20 per user, memory and number of VMs unlimited. */
    public static QuotaSettings defaults() {
        return new QuotaSettings(new Limits(20.0, 0.0, 0), Map.of(), Map.of());
    }

    public QuotaSettings {
        byGroup = Map.copyOf(byGroup);
        byUser = Map.copyOf(byUser);
    }

    /** The quotas of user {@code user}, member of group {@code group} (before the template overrides). */
    public Limits forOwner(String user, String group) {
        Limits l = site;
        Limits g = group == null ? null : byGroup.get(group);
        if (g != null) {
            l = g.over(l);
        }
        Limits u = user == null ? null : byUser.get(user);
        if (u != null) {
            l = u.over(l);
        }
        return l;
    }

    /**
     * Reads the {@code quota.*} entries of a configuration (other keys are ignored); what is not
     * given keeps the {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the key of a bad value
     */
    public static QuotaSettings parse(Map<String, String> config) {
        Limits site = defaults().site;
        Map<String, Limits> groups = new TreeMap<>();
        Map<String, Limits> users = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(config).entrySet()) {
            String key = e.getKey().trim();
            String value = e.getValue() == null ? "" : e.getValue().trim();
            if (!key.startsWith("quota.") || value.isEmpty()) {
                continue;
            }
            String rest = key.substring("quota.".length());
            if (rest.startsWith("group.") || rest.startsWith("user.")) {
                boolean group = rest.startsWith("group.");
                String scoped = rest.substring(group ? "group.".length() : "user.".length());
                int dot = scoped.lastIndexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException(key + ": expected quota." + (group ? "group" : "user")
                            + ".<name>.cpu|memory|vms");
                }
                Map<String, Limits> target = group ? groups : users;
                String name = scoped.substring(0, dot);
                target.put(name, with(target.getOrDefault(name, Limits.UNSET), scoped.substring(dot + 1), key, value));
            } else {
                site = with(site, rest, key, value);
            }
        }
        return new QuotaSettings(site, groups, users);
    }

    private static Limits with(Limits l, String what, String key, String value) {
        return switch (what) {
            case "cpu" -> new Limits(number(key, value), l.memoryMb, l.vms);
            case "memory" -> new Limits(l.cpu, megabytes(key, value), l.vms);
            case "vms" -> new Limits(l.cpu, l.memoryMb, (int) Math.min(Integer.MAX_VALUE, Math.round(number(key, value))));
            default -> throw new IllegalArgumentException(key + ": unknown quota '" + what + "' (cpu, memory or vms)");
        };
    }

    private static double number(String key, String value) {
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'");
        }
    }

    /** MB; a {@code M}, {@code MB}, {@code G} or {@code GB} suffix is accepted (the installer wrote 1GB). */
    private static double megabytes(String key, String value) {
        String v = value.toUpperCase(Locale.ROOT).replace(" ", "");
        double factor = 1;
        if (v.endsWith("GB") || v.endsWith("G")) {
            factor = 1024;
            v = v.substring(0, v.length() - (v.endsWith("GB") ? 2 : 1));
        } else if (v.endsWith("MB") || v.endsWith("M")) {
            v = v.substring(0, v.length() - (v.endsWith("MB") ? 2 : 1));
        }
        try {
            return number(key, v) * factor;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a size in MB (or with MB/GB), not '" + value + "'");
        }
    }
}
