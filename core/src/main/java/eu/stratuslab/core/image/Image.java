package eu.stratuslab.core.image;

import eu.stratuslab.core.auth.Permissions;
import eu.stratuslab.core.pool.OwnedPoolObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** An image of the OpenNebula repository (xmlrpc-api.md §7.6). Immutable snapshot. */
public final class Image extends OwnedPoolObject {
    final ImageType type;
    final boolean persistent;
    final long regtime;
    final String source;
    final String path;
    final String fstype;
    final long size;
    final ImageState state;
    final int runningVms;
    final Template template;

    Image(int id, int uid, int gid, String name, Permissions permissions, ImageType type, boolean persistent,
          long regtime, String source, String path, String fstype, long size, ImageState state, int runningVms,
          Template template) {
        super(id, name, uid, gid, permissions);
        this.type = type;
        this.persistent = persistent;
        this.regtime = regtime;
        this.source = source;
        this.path = path;
        this.fstype = fstype;
        this.size = size;
        this.state = state;
        this.runningVms = runningVms;
        this.template = template;
    }

    public ImageType type() {
        return type;
    }

    public boolean persistent() {
        return persistent;
    }

    public ImageState state() {
        return state;
    }

    public String source() {
        return source;
    }

    public int runningVms() {
        return runningVms;
    }

    public Template template() {
        return template.copy();
    }

    Image with(int newUid, int newGid, Permissions p, ImageType t, boolean pers, ImageState s, int vms, Template tmpl) {
        return new Image(id(), newUid, newGid, name(), p, t, pers, regtime, source, path, fstype, size, s, vms, tmpl);
    }

    /** The image once its content is at {@code newSource} (one.vm.savedisk's copy at the epilog). */
    Image withContent(String newSource, long newSize, ImageState s) {
        return new Image(id(), uid(), gid(), name(), permissions(), type, persistent, regtime, newSource, path, fstype, newSize, s,
                runningVms, template);
    }

    @Override
    protected void write(XmlDoc doc, IntFunction<String> userName, IntFunction<String> groupName) {
        writeDocument(doc, "IMAGE", userName, groupName, d -> d.element("TYPE", type.code())
                .element("PERSISTENT", persistent ? 1 : 0).element("REGTIME", regtime).element("SOURCE", source)
                .element("PATH", path).element("FSTYPE", fstype).element("SIZE", size).element("STATE", state.code())
                .element("RUNNING_VMS", runningVms), template);
    }

    @Override
    protected Body body() {
        return new Body(this);
    }

    /** The JSON body of the image_pool row. */
    static final class Body extends OwnedPoolObject.Body<Image> {
        int type;
        boolean persistent;
        long regtime;
        String source;
        String path;
        String fstype;
        long size;
        int state;
        int runningVms;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(Image i) {
            super(i);
            type = i.type.code();
            persistent = i.persistent;
            regtime = i.regtime;
            source = i.source;
            path = i.path;
            fstype = i.fstype;
            size = i.size;
            state = i.state.code();
            runningVms = i.runningVms;
            template = TemplateJson.toJson(i.template);
        }

        @Override
        protected Image toObject() {
            return new Image(id, uid, gid, name, storedPermissions(), ImageType.values()[type],
                    persistent, regtime, source, path, fstype, size, ImageState.values()[state], runningVms,
                    TemplateJson.fromJson(template));
        }
    }
}
