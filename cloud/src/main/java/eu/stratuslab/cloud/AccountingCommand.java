package eu.stratuslab.cloud;

import eu.stratuslab.core.accounting.AccountingRange;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./stratuslab acct [--home DIR] --from TIME [--to TIME] [--format csv|json] [--user NAME]}:
 * VM-hours, CPU-hours and memory-GB-hours per user and group of a running cloud, what OpenNebula's
 * {@code oneacct} gave (docs/accounting.md). It asks the cloud's authenticated
 * {@code …/pswd/accounting} endpoint as oneadmin (credentials and endpoint from the cloud home), so
 * the command and the HTTP endpoint report the same figures; {@code --user} asks as that user
 * instead (their own VMs only), with the password in {@code STRATUSLAB_PASSWORD}.
 */
public final class AccountingCommand {
    static final String USAGE = """
            usage: ./stratuslab acct [--home DIR | --root DIR] --from TIME [--to TIME] [--format csv|json] [--user NAME]
            TIME: epoch seconds, 2026-12-01, 2026-12-01T10:00:00 (UTC) or 2026-12-01T10:00:00Z; --to defaults to now
            (default DIR: ~/.stratuslab/cloud; --root: an installed layout, / on a real installation, as
            stratuslab-acct uses it; the cloud must be running)""";

    private AccountingCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv("STRATUSLAB_PASSWORD")));
    }

    /** @return the exit status: 0 done, 1 refused or failed, 2 bad usage */
    static int run(String[] args, PrintStream out, PrintStream err, String userPassword) {
        Path dir = Paths.get(System.getProperty("user.home"), ".stratuslab", "cloud");
        boolean system = false;
        Map<String, String> query = new LinkedHashMap<>();
        String user = "oneadmin";
        query.put("format", "csv");
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length || !option.startsWith("--")) {
                return usage(err, option.startsWith("--") ? option + " needs a value" : "unexpected argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--home", "--root" -> {
                    dir = Paths.get(value);
                    system = option.equals("--root"); // the installed layout (stratuslab-acct)
                }
                case "--from", "--to" -> query.put(option.substring(2), value);
                case "--format" -> query.put("format", value);
                case "--user" -> user = value;
                default -> {
                    return usage(err, "unknown option " + option);
                }
            }
        }
        try { // checked here too, so that a typo is told before any connection
            if (!query.containsKey("from")) {
                return usage(err, "--from is required");
            }
            for (String bound : new String[] {"from", "to"}) {
                if (query.containsKey(bound)) {
                    AccountingRange.parse("--" + bound, query.get(bound));
                }
            }
            if (!query.get("format").matches("csv|json")) {
                return usage(err, "--format is csv or json");
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        try {
            RunningCloud cloud = RunningCloud.of(new CloudHome(dir.toAbsolutePath(), system));
            String password = user.equals("oneadmin") ? cloud.credentials().password("oneadmin") : userPassword;
            if (password == null || password.isEmpty()) {
                return usage(err, "--user " + user + " needs the password in STRATUSLAB_PASSWORD");
            }
            HttpResponse<String> r = fetch(cloud, user, password, query);
            if (r.statusCode() != 200) {
                err.println("acct: the cloud answered HTTP " + r.statusCode() + ": " + r.body().strip());
                return 1;
            }
            out.print(r.body());
            if (!r.body().endsWith("\n")) {
                out.println();
            }
            return 0;
        } catch (Exception e) {
            err.println("acct: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /** The accounting endpoint beside the one-proxy's password XML-RPC path. */
    static URI accountingUri(String oneProxyEndpoint, Map<String, String> query) {
        String base = oneProxyEndpoint.replaceFirst("/xmlrpc$", "/accounting");
        return URI.create(base + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static HttpResponse<String> fetch(RunningCloud cloud, String user, String password,
                                              Map<String, String> query) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(cloud.serverTrust()).connectTimeout(Duration.ofSeconds(10))
                .build();
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(accountingUri(cloud.requireEndpoint("one-proxy"), query))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(60)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int usage(PrintStream err, String error) {
        err.println("stratuslab acct: " + error);
        err.println(USAGE);
        return 2;
    }
}
