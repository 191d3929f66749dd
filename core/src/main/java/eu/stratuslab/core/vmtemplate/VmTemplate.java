package eu.stratuslab.core.vmtemplate;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.pool.OwnedPoolObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** A registered VM template (xmlrpc-api.md §7.6). Immutable snapshot. */
public final class VmTemplate extends OwnedPoolObject {
    private final long regtime;
    private final Template template;

    VmTemplate(int id, int uid, int gid, String name, Permissions permissions, long regtime, Template template) {
        super(id, name, uid, gid, permissions);
        this.regtime = regtime;
        this.template = template;
    }

    public long regtime() {
        return regtime;
    }

    /** A copy of the VM template it describes (one.template.instantiate starts from it). */
    public Template template() {
        return template.copy();
    }

    VmTemplate with(int newUid, int newGid, Permissions p, Template t) {
        return new VmTemplate(id(), newUid, newGid, name(), p, regtime, t);
    }

    @Override
    protected void write(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName) {
        writeDocument(doc, "VMTEMPLATE", userName, groupName, d -> d.element("REGTIME", regtime), template);
    }

    @Override
    protected Body body() {
        return new Body(this);
    }

    /** The JSON body of the template_pool row. */
    static final class Body extends OwnedPoolObject.Body<VmTemplate> {
        long regtime;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(VmTemplate t) {
            super(t);
            regtime = t.regtime;
            template = TemplateJson.toJson(t.template);
        }

        @Override
        protected VmTemplate toObject() {
            return new VmTemplate(id, uid, gid, name, storedPermissions(), regtime,
                    TemplateJson.fromJson(template));
        }
    }
}
