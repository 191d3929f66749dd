package eu.stratuslab.oneproxy.admin;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.accounting.AccountingRange;
import eu.stratuslab.core.accounting.AccountingReport;
import eu.stratuslab.core.auth.Caller;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET …/accounting?from=&to=&format=json|csv} behind the one-proxy's authentication (issue 12
 * item 4): VM-hours, CPU-hours and memory-GB-hours per user and group over {@code [from, to)}
 * ({@link AccountingRange} forms; {@code to} defaults to now). A user sees the rows of their own
 * VMs, oneadmin (and the oneadmin group) everyone's. JSON unless {@code format=csv}.
 */
public final class AccountingHandler extends Handler.Abstract {

    private final Core core;

    public AccountingHandler(Core core) {
        super(InvocationType.BLOCKING);
        this.core = core;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (AdminResponses.onlyGet(request, response, callback)) {
            return true;
        }
        Caller caller = AdminResponses.caller(core, request);
        if (caller == null) {
            return AdminResponses.refuse(response, callback, HttpStatus.FORBIDDEN_403, "accounting: account disabled");
        }
        Fields query = Request.extractQueryParameters(request);
        String format = query.getValue("format") == null ? "json" : query.getValue("format");
        AccountingReport report;
        try {
            if (!format.equals("json") && !format.equals("csv")) {
                throw new IllegalArgumentException("format '" + format + "' is not json or csv");
            }
            if (query.getValue("from") == null) {
                throw new IllegalArgumentException("from is required (e.g. ?from=2026-12-01&to=2027-01-01)");
            }
            long from = AccountingRange.parse("from", query.getValue("from"));
            long to = query.getValue("to") == null ? core.settings().clock().instant().getEpochSecond()
                    : AccountingRange.parse("to", query.getValue("to"));
            report = core.accounting(caller, from, to);
        } catch (IllegalArgumentException e) {
            return AdminResponses.refuse(response, callback, HttpStatus.BAD_REQUEST_400, "accounting: " + e.getMessage());
        }
        return format.equals("csv")
                ? AdminResponses.answer(response, callback, HttpStatus.OK_200, "text/csv; charset=utf-8", report.toCsv())
                : AdminResponses.answer(response, callback, HttpStatus.OK_200, "application/json", report.toJson());
    }
}
