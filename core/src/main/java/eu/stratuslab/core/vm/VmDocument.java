package eu.stratuslab.core.vm;

import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.TemplateXml;
import java.util.List;

/** Renders the {@code <VM>} document of xmlrpc-api.md §7.1 (byte-compatible with oned 3.2). */
final class VmDocument {
    private VmDocument() {
    }

    static String render(VirtualMachine vm, boolean allHistory) {
        StringBuilder sb = new StringBuilder(3072);
        XmlDoc doc = new XmlDoc(sb);
        doc.open("VM")
                .element("ID", vm.id()).element("UID", vm.uid()).element("GID", vm.gid())
                .element("UNAME", vm.uname()).element("GNAME", vm.gname()).element("NAME", vm.name());
        vm.permissions().write(doc);
        doc.element("LAST_POLL", vm.lastPoll())
                .element("STATE", vm.state().code()).element("LCM_STATE", vm.lcmState().code())
                .element("STIME", vm.stime()).element("ETIME", vm.etime())
                .element("DEPLOY_ID", vm.deployId())
                .element("MEMORY", vm.memory()).element("CPU", vm.cpu())
                .element("NET_TX", vm.netTx()).element("NET_RX", vm.netRx());
        TemplateXml.write(vm.templateForRendering(), sb);
        List<HistoryRecord> history = vm.historyForRendering();
        if (history.isEmpty()) {
            doc.empty("HISTORY_RECORDS");
        } else {
            doc.open("HISTORY_RECORDS");
            if (allHistory) {
                for (HistoryRecord h : history) {
                    h.write(doc);
                }
            } else {
                history.get(history.size() - 1).write(doc);
            }
            doc.close("HISTORY_RECORDS");
        }
        doc.close("VM");
        return sb.toString();
    }
}
