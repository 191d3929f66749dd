package eu.stratuslab.core.vm;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.template.Template;
import java.util.Locale;

/**
 * Per-user CPU and memory quotas checked at allocate (xmlrpc-api.md §10). The site defaults come
 * from CoreSettings; a user's template may override them with {@code QUOTA_CPU} (CPUs) and
 * {@code QUOTA_MEMORY} (MB). A quota of 0 or less means unlimited, as in OpenNebula's quota
 * driver. Members of group oneadmin are not limited (oned skipped authorization for them).
 */
final class VmQuotas {
    static final String USER_CPU_QUOTA = "QUOTA_CPU";
    static final String USER_MEMORY_QUOTA = "QUOTA_MEMORY";

    private final double siteCpu;
    private final double siteMemoryMb;

    VmQuotas(double siteCpu, double siteMemoryMb) {
        this.siteCpu = siteCpu;
        this.siteMemoryMb = siteMemoryMb;
    }

    void check(Caller owner, Template userTemplate, VmPool pool, double cpu, double memoryMb) throws OneException {
        if (owner.isAdmin()) {
            return;
        }
        double cpuQuota = override(userTemplate, USER_CPU_QUOTA, siteCpu);
        if (cpuQuota > 0) {
            double used = pool.cpuUsedBy(owner.uid());
            if (used + cpu > cpuQuota + 1e-9) {
                throw exceeded(owner, "CPU", String.format(Locale.ROOT, "(Quota: %.1f, Used: %.1f, Requested: %.1f).",
                        cpuQuota, used, cpu));
            }
        }
        double memQuota = override(userTemplate, USER_MEMORY_QUOTA, siteMemoryMb);
        if (memQuota > 0) {
            double used = pool.memoryUsedBy(owner.uid());
            if (used + memoryMb > memQuota + 1e-9) {
                throw exceeded(owner, "MEMORY", String.format(Locale.ROOT, "(Quota: %d, Used: %d, Requested: %d).",
                        Math.round(memQuota), Math.round(used), Math.round(memoryMb)));
            }
        }
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
