package eu.stratuslab.core.accounting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.stratuslab.core.db.JsonBodies;
import java.time.Instant;
import java.util.List;

/**
 * Usage per user and per group over {@code [from, to)} (epoch seconds), from the VMs' history
 * records, as {@link Accounting#report} computes it. Rows in ascending id order; only users and
 * groups with at least one VM placed in the range appear.
 */
public record AccountingReport(long from, long to, List<Usage> users, List<Usage> groups) {

    public AccountingReport {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    /**
     * CSV (RFC 4180, header first): one row per user ({@code kind=user}) then per group
     * ({@code kind=group}); hours as plain decimals.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("kind,id,name,gid,group,from,to,vms,vm_seconds,vm_hours,cpu_hours,memory_gb_hours\r\n");
        users.forEach(u -> row(sb, "user", u));
        groups.forEach(g -> row(sb, "group", g));
        return sb.toString();
    }

    private void row(StringBuilder sb, String kind, Usage u) {
        sb.append(kind).append(',').append(u.id()).append(',').append(csv(u.name())).append(',').append(u.gid())
                .append(',').append(csv(u.group())).append(',').append(iso(from)).append(',').append(iso(to))
                .append(',').append(u.vms()).append(',').append(u.vmSeconds()).append(',')
                .append(u.vmHours().toPlainString()).append(',').append(u.cpuHours().toPlainString()).append(',')
                .append(u.memoryGbHours().toPlainString()).append("\r\n");
    }

    /** JSON: {@code {"from": ISO, "to": ISO, "users": [...], "groups": [...]}}, hours as numbers. */
    public String toJson() {
        ObjectMapper mapper = JsonBodies.mapper();
        ObjectNode root = mapper.createObjectNode().put("from", iso(from)).put("to", iso(to));
        rows(root.putArray("users"), users);
        rows(root.putArray("groups"), groups);
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the accounting report", e);
        }
    }

    private static void rows(ArrayNode array, List<Usage> rows) {
        for (Usage u : rows) {
            array.addObject().put("id", u.id()).put("name", u.name()).put("gid", u.gid()).put("group", u.group())
                    .put("vms", u.vms()).put("vm_seconds", u.vmSeconds()).put("vm_hours", u.vmHours())
                    .put("cpu_hours", u.cpuHours()).put("memory_gb_hours", u.memoryGbHours());
        }
    }

    private static String iso(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static String csv(String v) {
        String s = v == null ? "" : v;
        return s.matches("[^,\"\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
