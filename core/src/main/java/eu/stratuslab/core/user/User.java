package eu.stratuslab.core.user;

import eu.stratuslab.core.pool.NamedObject;
import eu.stratuslab.core.pool.TemplateJson;
import eu.stratuslab.template.Template;
import java.util.List;
import java.util.Map;

/**
 * A user account (xmlrpc-api.md §7.5). Immutable: a change produces a new instance that the pool
 * publishes after storing it, so readers never see a half-applied change.
 */
public final class User extends NamedObject {
    public static final int ONEADMIN = 0;
    public static final int SERVERADMIN = 1;
    public static final String CORE_DRIVER = "core";
    public static final String DUMMY_DRIVER = "dummy";
    public static final String SERVER_CIPHER_DRIVER = "server_cipher";
    /** The PASSWORD of accounts created on first use (authn.md §10). */
    public static final String DUMMY_PASSWORD = "a".repeat(40);

    private final int gid;
    private final String password;
    private final String authDriver;
    private final boolean enabled;
    private final Template template;
    /** The rendered {@code <USER>}, set once (the object never changes). */
    private volatile String document;

    User(int id, String name, int gid, String password, String authDriver, boolean enabled, Template template) {
        super(id, name);
        this.gid = gid;
        this.password = password;
        this.authDriver = authDriver;
        this.enabled = enabled;
        this.template = template == null ? new Template() : template;
    }

    public int gid() {
        return gid;
    }

    /** SHA-1 hex for {@code core} users, 40 × {@code a} for accounts created on first use. */
    public String password() {
        return password;
    }

    public String authDriver() {
        return authDriver;
    }

    public boolean enabled() {
        return enabled;
    }

    /** A copy: the user's own template is never handed out. */
    public Template template() {
        return template.copy();
    }

    User withGroup(int newGid) {
        return new User(id(), name(), newGid, password, authDriver, enabled, template);
    }

    User withPassword(String newPassword) {
        return new User(id(), name(), gid, newPassword, authDriver, enabled, template);
    }

    User withAuth(String driver, String newPassword) {
        return new User(id(), name(), gid, newPassword, driver, enabled, template);
    }

    User withTemplate(Template t) {
        return new User(id(), name(), gid, password, authDriver, enabled, t);
    }

    User withEnabled(boolean e) {
        return new User(id(), name(), gid, password, authDriver, e, template);
    }

    String cachedDocument() {
        return document;
    }

    void cacheDocument(String xml) {
        document = xml;
    }

    Template sharedTemplate() {
        return template;
    }

    /** The JSON body of the user_pool row. */
    static final class Body {
        int id;
        String name;
        int gid;
        String password;
        String authDriver;
        boolean enabled;
        List<Map<String, Object>> template;

        Body() {
        }

        Body(User u) {
            id = u.id();
            name = u.name();
            gid = u.gid;
            password = u.password;
            authDriver = u.authDriver;
            enabled = u.enabled;
            template = TemplateJson.toJson(u.template);
        }

        User toUser() {
            return new User(id, name, gid, password, authDriver, enabled, TemplateJson.fromJson(template));
        }
    }
}
