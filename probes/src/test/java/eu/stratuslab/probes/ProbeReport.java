package eu.stratuslab.probes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What a probe measured: numbers for the results table and checks that decide the build. A check
 * tied to an open hole of issue 13 ({@link KnownHoles#OPEN}) is reported as "expected failure"
 * instead of failing; the same check passing while its hole is still listed fails, so that the
 * list is kept in step with the fixes.
 */
final class ProbeReport {
    private final String probe;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    ProbeReport(String probe) {
        this.probe = probe;
    }

    /** A measured number without a verdict (shown in the table). */
    void measure(String metric, Object value) {
        rows.add(new String[] {metric, String.valueOf(value), ""});
    }

    /** A check that must hold. */
    void check(String metric, Object value, boolean holds, String detail) {
        check(metric, value, holds, detail, null);
    }

    /** A check that must hold, except while {@code hole} is listed in {@link KnownHoles#OPEN}. */
    void check(String metric, Object value, boolean holds, String detail, KnownHoles hole) {
        String verdict;
        boolean open = hole != null && KnownHoles.OPEN.contains(hole);
        if (holds && open && hole.intermittent) {
            verdict = "ok this run (" + hole + " is intermittent: not proof of a fix)";
        } else if (holds && open) {
            verdict = "passes (remove " + hole + " from KnownHoles)";
            failures.add(metric + " now holds: remove " + hole + " from KnownHoles.OPEN");
        } else if (holds) {
            verdict = "ok";
        } else if (open) {
            verdict = "EXPECTED FAILURE, " + hole + " (issue 13)";
        } else {
            verdict = "FAIL";
            failures.add(metric + " = " + abbreviate(String.valueOf(value)) + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        }
        rows.add(new String[] {metric, abbreviate(String.valueOf(value)), verdict + (holds || detail == null || detail.isEmpty() ? "" : " — " + abbreviate(detail))});
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("| probe | metric | value | verdict |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            sb.append("| ").append(probe).append(" | ").append(r[0]).append(" | ").append(r[1]).append(" | ")
                    .append(r[2].replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    /** Appends the table to {@code DIR/report.md} (DIR from -Dprobes.reportDir) and prints it. */
    void publish() throws IOException {
        String table = markdown();
        System.out.println(table);
        Path dir = Path.of(System.getProperty("probes.reportDir", "target/probes"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), "\n### " + probe + "\n\n" + table, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 700 ? one.substring(0, 700) + "…" : one;
    }
}
