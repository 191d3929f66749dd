package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.Template;
import java.util.Locale;

/**
 * Per-user CPU, memory and VM-count quotas checked at allocate (xmlrpc-api.md §10). The defaults
 * come from {@link QuotaSettings} (site, group, user); a user's template may override them with
 * {@code QUOTA_CPU} (CPUs), {@code QUOTA_MEMORY} (MB) and {@code QUOTA_VMS}. A quota of 0 or less
 * means unlimited, as in OpenNebula's quota driver. Members of group oneadmin are not limited (oned
 * skipped authorization for them). Texts are the quota driver's ({@code CPU quota exceeded (Quota:
 * 2.0, Used: 2.0, Requested: 1.0).}; NUM_VMS is the driver's name for the VM count).
 */
final class VmQuotas {
    static final String USER_CPU_QUOTA = "QUOTA_CPU";
    static final String USER_MEMORY_QUOTA = "QUOTA_MEMORY";
    static final String USER_VMS_QUOTA = "QUOTA_VMS";

    /** What an owner holds now; each sum is asked for only when its quota is set. */
    interface Usage {
        double cpu();

        double memoryMb();

        long vms();
    }

    private final QuotaSettings settings;

    VmQuotas(QuotaSettings settings) {
        this.settings = settings;
    }

    void check(Caller owner, String userName, String groupName, Template userTemplate, Usage usage, double cpu,
               double memoryMb) throws OneException {
        if (owner.isAdmin()) {
            return;
        }
        QuotaSettings.Limits limits = settings.forOwner(userName, groupName);
        double cpuQuota = override(userTemplate, USER_CPU_QUOTA, value(limits.cpu()));
        if (cpuQuota > 0) {
            double used = usage.cpu();
            if (used + cpu > cpuQuota + 1e-9) {
                throw exceeded(owner, "CPU", String.format(Locale.ROOT, "(Quota: %.1f, Used: %.1f, Requested: %.1f).",
                        cpuQuota, used, cpu));
            }
        }
        double memQuota = override(userTemplate, USER_MEMORY_QUOTA, value(limits.memoryMb()));
        if (memQuota > 0) {
            double used = usage.memoryMb();
            if (used + memoryMb > memQuota + 1e-9) {
                throw exceeded(owner, "MEMORY", String.format(Locale.ROOT, "(Quota: %d, Used: %d, Requested: %d).",
                        Math.round(memQuota), Math.round(used), Math.round(memoryMb)));
            }
        }
        double vmQuota = override(userTemplate, USER_VMS_QUOTA, limits.vms() == null ? 0 : limits.vms());
        if (vmQuota > 0) {
            long used = usage.vms();
            if (used + 1 > vmQuota + 1e-9) {
                throw exceeded(owner, "NUM_VMS", String.format(Locale.ROOT, "(Quota: %d, Used: %d, Requested: 1).",
                        Math.round(vmQuota), used));
            }
        }
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    private static OneException exceeded(Caller owner, String what, String numbers) {
        return new OneException(ErrorCode.AUTHORIZATION,
                "User [" + owner.uid() + "] : " + what + " quota exceeded " + numbers);
    }

    private static double override(Template userTemplate, String name, double site) {
        String v = userTemplate == null ? null : userTemplate.getString(name);
        if (v == null || v.isBlank()) {
            return site;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return site;
        }
    }
}
