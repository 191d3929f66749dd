package eu.stratuslab.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-describe-volumes [UUID…] [-f key:regex]…} (§4.10): client-side filters, all must match. */
@Command(description = "List persistent volumes.")
public final class DescribeVolumes extends VolumeCommand {
    @Parameters(paramLabel = "UUID", arity = "0..*") List<String> uuids;
    @Option(names = {"-f", "--filter"}, paramLabel = "key:regex") List<String> filters;

    public DescribeVolumes(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        List<Map.Entry<String, Pattern>> all = new ArrayList<>();
        for (String f : filters == null ? List.<String>of() : filters) {
            int colon = f.indexOf(':');
            if (colon <= 0) {
                throw new CliException("filters are key:regex: " + f, 2);
            }
            try {
                all.add(Map.entry(f.substring(0, colon), Pattern.compile(f.substring(colon + 1))));
            } catch (PatternSyntaxException e) {
                throw new CliException("bad regular expression in " + f + ": " + e.getDescription(), 2);
            }
        }
        for (String u : uuids == null ? List.<String>of() : uuids) {
            all.add(Map.entry("uuid", Pattern.compile(Pattern.quote(u))));
        }
        ctx.out().print(render(pdisk().list(), all));
        return 0;
    }

    static String render(List<JsonNode> disks, List<Map.Entry<String, Pattern>> filters) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode disk : disks) {
            if (!matches(disk, filters)) {
                continue;
            }
            sb.append(":: DISK ").append(disk.path("uuid").asText()).append('\n');
            for (Iterator<Map.Entry<String, JsonNode>> it = disk.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("uuid")) {
                    sb.append('\t').append(field.getKey()).append(": ").append(field.getValue().asText()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static boolean matches(JsonNode disk, List<Map.Entry<String, Pattern>> filters) {
        for (Map.Entry<String, Pattern> f : filters) {
            if (!disk.has(f.getKey()) || !f.getValue().matcher(disk.get(f.getKey()).asText()).find()) {
                return false;
            }
        }
        return true;
    }
}
