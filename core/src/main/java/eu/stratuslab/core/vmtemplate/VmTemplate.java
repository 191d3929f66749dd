package eu.stratuslab.core.vmtemplate;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.pool.OwnedFields;
import eu.stratuslab.core.pool.OwnedObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateXml;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** A registered VM template (xmlrpc-api.md §7.6). Immutable snapshot. */
public final class VmTemplate implements OwnedObject {
    private final int id;
    private final int uid;
    private final int gid;
    private final String name;
    private final Permissions permissions;
    private final long regtime;
    private final Template template;

    VmTemplate(int id, int uid, int gid, String name, Permissions permissions, long regtime, Template template) {
        this.id = id;
        this.uid = uid;
        this.gid = gid;
        this.name = name;
        this.permissions = permissions;
        this.regtime = regtime;
        this.template = template;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int uid() {
        return uid;
    }

    @Override
    public int gid() {
        return gid;
    }

    @Override
    public Permissions permissions() {
        return permissions;
    }

    public long regtime() {
        return regtime;
    }

    /** A copy of the VM template it describes (one.template.instantiate starts from it). */
    public Template template() {
        return template.copy();
    }

    VmTemplate with(int newUid, int newGid, Permissions p, Template t) {
        return new VmTemplate(id, newUid, newGid, name, p, regtime, t);
    }

    void write(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName) {
        doc.open("VMTEMPLATE").element("ID", id).element("UID", uid).element("GID", gid)
                .element("UNAME", userName.apply(uid)).element("GNAME", groupName.apply(gid))
                .element("NAME", name);
        permissions.write(doc);
        doc.element("REGTIME", regtime);
        TemplateXml.write(template, doc.builder());
        doc.close("VMTEMPLATE");
    }

    /** The JSON body of the template_pool row. */
    static final class Body {
        int id;
        int uid;
        int gid;
        String name;
        int[] permissions;
        long regtime;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(VmTemplate t) {
            id = t.id;
            uid = t.uid;
            gid = t.gid;
            name = t.name;
            permissions = OwnedFields.toArray(t.permissions);
            regtime = t.regtime;
            template = TemplateJson.toJson(t.template);
        }

        VmTemplate toTemplate() {
            return new VmTemplate(id, uid, gid, name, OwnedFields.fromArray(permissions), regtime,
                    TemplateJson.fromJson(template));
        }
    }
}
