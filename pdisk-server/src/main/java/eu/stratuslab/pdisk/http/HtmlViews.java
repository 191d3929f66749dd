package eu.stratuslab.pdisk.http;

import java.util.List;
import java.util.Map;

import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.Mount;

/** Plain server-rendered pages (pdisk-api.md §14, optional); the rich UI is svc-pdisk.html. */
final class HtmlViews {

    private HtmlViews() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String page(String base, String user, String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><base href=\"" + escape(base) + "\"><title>"
                + escape(title) + "</title></head><body>\n<p><a href=\"./\">Home</a> | <a href=\"disks/\">Disks</a></p>\n<h1>"
                + escape(title) + "</h1>\n" + body + "\n<p class=\"footer\">Logged in as " + escape(user)
                + "</p>\n</body></html>\n";
    }

    static String home() {
        return "<p>StratusLab Persistent Disk Service</p><p><a href=\"disks/\">Disks</a></p>";
    }

    static String diskList(List<Disk> disks) {
        StringBuilder b = new StringBuilder();
        b.append("<form method=\"post\" action=\"disks/\">Size (GiB) <input name=\"size\" value=\"1\"> Tag <input name=\"tag\">"
                + " <select name=\"visibility\"><option>private</option><option>public</option></select>"
                + " <input type=\"submit\" value=\"Create\"></form>\n");
        b.append("<table><tr><th>Tag</th><th>Size (GiB)</th><th>Users</th><th>Owner</th><th>UUID</th><th>Image identifier</th></tr>\n");
        for (Disk d : disks) {
            b.append("<tr><td>").append(d.tag().isEmpty() ? "No tag" : escape(d.tag())).append("</td><td>").append(d.size())
                    .append("</td><td>").append(d.count()).append("</td><td>").append(escape(d.owner()))
                    .append("</td><td><a href=\"disks/").append(d.uuid()).append("\">").append(d.uuid())
                    .append("</a></td><td>").append(escape(d.identifier())).append("</td></tr>\n");
        }
        return b.append("</table>").toString();
    }

    static String fields(Map<String, String> fields) {
        StringBuilder b = new StringBuilder("<table>");
        fields.forEach((k, v) -> b.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v)).append("</td></tr>"));
        return b.append("</table>").toString();
    }

    static String disk(Disk d) {
        return fields(Map.of("uuid", d.uuid(), "tag", d.tag(), "owner", d.owner(), "size", Long.toString(d.size()),
                "type", d.type().name(), "visibility", d.visibility().name(), "count", Integer.toString(d.count()),
                "identifier", d.identifier()))
                + "<p><a href=\"disks/" + d.uuid() + "/mounts\">View mounts</a></p>"
                + "<form method=\"post\" action=\"disks/" + d.uuid() + "?method=delete\"><input type=\"submit\" value=\"Delete\"></form>";
    }

    static String mounts(String uuid, List<Mount> mounts) {
        StringBuilder b = new StringBuilder("<table><tr><th>VM ID</th><th>Device</th></tr>");
        for (Mount m : mounts) {
            b.append("<tr><td><a href=\"disks/").append(uuid).append("/mounts/").append(escape(m.id())).append("\">")
                    .append(escape(m.vmId())).append("</a></td><td>").append(escape(m.device())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String error(int status, String message) {
        return "<!DOCTYPE html>\n<html><head><title>Error " + status + "</title></head><body><h1>Error " + status
                + "</h1><p class=\"error\">" + escape(message) + "</p></body></html>\n";
    }
}
