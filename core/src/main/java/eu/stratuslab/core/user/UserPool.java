package eu.stratuslab.core.user;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.auth.Sha1;
import eu.stratuslab.infra.db.Database;
import eu.stratuslab.core.db.IdSequence;
import eu.stratuslab.core.db.JsonBodies;
import eu.stratuslab.core.group.Group;
import eu.stratuslab.core.group.GroupPool;
import eu.stratuslab.core.pool.NamedObject;
import eu.stratuslab.core.pool.Writes;
import eu.stratuslab.core.xml.XmlDoc;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateXml;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User accounts. Reads (authentication, names, documents) are lock-free map lookups; changes are
 * serialised on the pool, stored in one transaction and only then published. Accounts created on
 * first use therefore exist exactly once even when many first requests arrive together.
 */
public final class UserPool {
    private static final Logger LOG = LoggerFactory.getLogger(UserPool.class);
    static final String TABLE = "user_pool";
    public static final Duration SESSION_EXPIRATION = Duration.ofSeconds(900);

    private final Database db;
    private final IdSequence ids;
    private final GroupPool groups;
    private final NavigableMap<Integer, User> byId = new ConcurrentSkipListMap<>();
    private final Map<String, User> byName = new ConcurrentHashMap<>();
    private final SessionCache sessions;
    private final List<Consumer<User>> createListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<User>> updateListeners = new CopyOnWriteArrayList<>();

    private UserPool(Database db, IdSequence ids, GroupPool groups, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.groups = groups;
        this.sessions = new SessionCache(clock, SESSION_EXPIRATION);
    }

    public static UserPool load(Database db, GroupPool groups, Clock clock) throws SQLException {
        UserPool pool = new UserPool(db, IdSequence.load(db, TABLE, 0), groups, clock);
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT body FROM user_pool ORDER BY oid");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pool.publish(JsonBodies.read(rs.getString(1), User.Body.class).toUser());
            }
        }
        groups.bindMembers(pool::membersOf);
        return pool;
    }

    /**
     * Creates {@code oneadmin} (uid 0, driver core) and {@code serveradmin} (uid 1, driver
     * server_cipher, random password) on an empty database. {@code oneadminPassword} null means a
     * random password (the launcher sets one later with {@link #setPassword}).
     */
    public synchronized void bootstrapDefaults(String oneadminPassword) throws OneException {
        if (!byId.isEmpty()) {
            return;
        }
        String adminPw = oneadminPassword != null ? oneadminPassword : randomSecret();
        User oneadmin = new User(User.ONEADMIN, "oneadmin", Group.ONEADMIN, Sha1.hex(adminPw), User.CORE_DRIVER,
                true, new Template());
        User serveradmin = new User(User.SERVERADMIN, "serveradmin", Group.ONEADMIN, Sha1.hex(randomSecret()),
                User.SERVER_CIPHER_DRIVER, true, new Template());
        Writes.inTransaction(db, "Error creating the default users", c -> {
            insert(c, oneadmin);
            insert(c, serveradmin);
            ids.ensureAtLeast(c, User.SERVERADMIN);
            return null;
        });
        publish(oneadmin);
        publish(serveradmin);
    }

    private static String randomSecret() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ reads

    public User get(int uid) throws OneException {
        return OneException.requireFound(byId.get(uid), "user", uid);
    }

    /** null when unknown. */
    public User byName(String name) {
        return name == null ? null : byName.get(name);
    }

    /** "" when unknown (UNAME of objects whose owner was deleted). */
    public String name(int uid) {
        User u = byId.get(uid);
        return u == null ? "" : u.name();
    }

    public List<User> all() {
        return new ArrayList<>(byId.values());
    }

    /** Ids of the users whose primary group is {@code gid}, ascending. */
    public List<Integer> membersOf(int gid) {
        List<Integer> out = new ArrayList<>();
        for (User u : byId.values()) {
            if (u.gid() == gid) {
                out.add(u.id());
            }
        }
        return out;
    }

    public Caller callerOf(User u) {
        return new Caller(u.id(), u.gid(), u.name());
    }

    // ------------------------------------------------------------------ authentication

    /**
     * /RPC2 session {@code user:secret} (authn.md §12): only enabled {@code core} accounts whose
     * stored digest equals {@code sha1_hex(secret)}. {@code dummy}, {@code public} and
     * {@code server_cipher} accounts are refused. null means refused.
     */
    public Caller authenticateSession(String session) {
        if (session == null) {
            return null;
        }
        int cached = sessions.lookup(session, byId::get);
        if (cached >= 0) {
            User u = byId.get(cached);
            return u == null ? null : callerOf(u);
        }
        int colon = session.indexOf(':');
        if (colon < 0) {
            return null;
        }
        User u = byName.get(session.substring(0, colon));
        if (u == null || !u.enabled() || !User.CORE_DRIVER.equals(u.authDriver())) {
            return null;
        }
        if (!Sha1.sameDigest(Sha1.hex(session.substring(colon + 1)), u.password())) {
            return null;
        }
        sessions.remember(session, u);
        return callerOf(u);
    }

    /**
     * The caller for an HTTP-authenticated account name (proxied paths). An unknown name gets an
     * account on first use (authn.md §10: group users, driver dummy, 40 × a); a disabled account
     * gives null.
     */
    public Caller callerForAccount(String accountName) throws OneException {
        User u = byName.get(accountName);
        if (u == null) {
            u = createOnFirstUse(accountName);
        }
        return u.enabled() ? callerOf(u) : null;
    }

    private User createOnFirstUse(String accountName) throws OneException {
        User created;
        synchronized (this) {
            User existing = byName.get(accountName);
            if (existing != null) {
                return existing;
            }
            created = store(accountName, User.DUMMY_PASSWORD, User.DUMMY_DRIVER, Group.USERS, "Error allocating a new user.");
        }
        LOG.info("created account {} (uid {}) on first use", accountName, created.id());
        fire(createListeners, created);
        return created;
    }

    // ------------------------------------------------------------------ changes

    /**
     * one.user.allocate and the launcher: {@code driver} "" means {@code core}, whose password is
     * stored as its SHA-1 hex; other drivers store the value as given.
     */
    public int allocate(String name, String password, String driver, int gid) throws OneException {
        String drv = driver == null || driver.isEmpty() ? User.CORE_DRIVER : driver;
        String error = invalidName(name);
        if (error == null && User.CORE_DRIVER.equals(drv) && (password == null || password.isEmpty())) {
            error = "Invalid password, it cannot be empty";
        }
        if (error != null) {
            throw new OneException(ErrorCode.INTERNAL, "Error allocating a new user. " + error);
        }
        User created;
        synchronized (this) {
            User existing = byName.get(name);
            if (existing != null) {
                throw new OneException(ErrorCode.INTERNAL,
                        "Error allocating a new user. NAME is already taken by USER " + existing.id() + ".");
            }
            groups.get(gid);
            created = store(name, storedPassword(drv, password), drv, gid, "Error allocating a new user.");
        }
        fire(createListeners, created);
        return created.id();
    }

    private User store(String name, String password, String driver, int gid, String failure) throws OneException {
        User u = Writes.inTransaction(db, failure + " Database error", c -> {
            User n = new User(ids.next(c), name, gid, password, driver, true, new Template());
            insert(c, n);
            return n;
        });
        publish(u);
        return u;
    }

    /** Sets the password from clear text, hashed as the account's driver requires. */
    public synchronized void setPassword(int uid, String password) throws OneException {
        User u = get(uid);
        if (User.CORE_DRIVER.equals(u.authDriver()) && (password == null || password.isEmpty())) {
            throw new OneException(ErrorCode.INTERNAL, "Invalid password, it cannot be empty");
        }
        replace(u.withPassword(storedPassword(u.authDriver(), password)));
    }

    /** Sets the stored PASSWORD value as is (already a digest); for migrations and tests. */
    public synchronized void setStoredPassword(int uid, String storedValue) throws OneException {
        replace(get(uid).withPassword(storedValue));
    }

    /** one.user.chauth: "" keeps the driver; a non-empty password is stored for the new driver. */
    public synchronized void changeAuth(int uid, String driver, String password) throws OneException {
        User u = get(uid);
        String drv = driver == null || driver.isEmpty() ? u.authDriver() : driver;
        String pw = password == null || password.isEmpty() ? u.password() : storedPassword(drv, password);
        replace(u.withAuth(drv, pw));
    }

    public synchronized void changeGroup(int uid, int gid) throws OneException {
        User u = get(uid);
        groups.get(gid);
        replace(u.withGroup(gid));
    }

    public synchronized void setEnabled(int uid, boolean enabled) throws OneException {
        replace(get(uid).withEnabled(enabled));
    }

    /** one.user.update: replaces the whole template. */
    public void update(int uid, Template template) throws OneException {
        User updated;
        synchronized (this) {
            updated = get(uid).withTemplate(template.copy());
            replace(updated);
        }
        fire(updateListeners, updated);
    }

    public synchronized void delete(int uid) throws OneException {
        User u = get(uid);
        if (uid == User.ONEADMIN || uid == User.SERVERADMIN) {
            throw new OneException(ErrorCode.INTERNAL, "Can not delete user. " + u.name() + " can not be deleted");
        }
        Writes.inTransaction(db, "Can not delete user. Database error", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_pool WHERE oid = ?")) {
                ps.setInt(1, uid);
                return ps.executeUpdate();
            }
        });
        byId.remove(uid);
        byName.remove(u.name(), u);
    }

    /** USER_HOOK CREATE: called after an account was stored (allocate or first use). */
    public void onCreate(Consumer<User> listener) {
        createListeners.add(listener);
    }

    /** USER_HOOK UPDATE: called after one.user.update was stored. */
    public void onUpdate(Consumer<User> listener) {
        updateListeners.add(listener);
    }

    private void replace(User u) throws OneException {
        Writes.inTransaction(db, "Error updating user [" + u.id() + "]. Database error", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE user_pool SET name = ?, gid = ?, body = ? WHERE oid = ?")) {
                ps.setString(1, u.name());
                ps.setInt(2, u.gid());
                ps.setString(3, JsonBodies.write(new User.Body(u)));
                ps.setInt(4, u.id());
                return ps.executeUpdate();
            }
        });
        publish(u);
    }

    private void publish(User u) {
        byId.put(u.id(), u);
        byName.put(u.name(), u);
    }

    private static void fire(List<Consumer<User>> listeners, User u) {
        for (Consumer<User> l : listeners) {
            try {
                l.accept(u);
            } catch (RuntimeException e) {
                LOG.warn("user listener failed for {}", u.name(), e);
            }
        }
    }

    private static String storedPassword(String driver, String clear) {
        return User.CORE_DRIVER.equals(driver) ? Sha1.hex(clear) : (clear == null ? "" : clear);
    }

    /** The rule of every named object, and a user name has no space or ':' (the login's separator). */
    private static String invalidName(String name) {
        String error = NamedObject.invalidName(name);
        if (error != null) {
            return error;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isWhitespace(ch) || ch == ':') {
                return "Invalid NAME, it cannot contain spaces or ':'";
            }
        }
        return null;
    }

    private static void insert(Connection c, User u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_pool (oid, name, gid, body) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, u.id());
            ps.setString(2, u.name());
            ps.setInt(3, u.gid());
            ps.setString(4, JsonBodies.write(new User.Body(u)));
            ps.executeUpdate();
        }
    }

    // ------------------------------------------------------------------ documents

    public String document(int uid) throws OneException {
        return render(get(uid));
    }

    /** {@code <USER_POOL>} with the users {@code visible} accepts, ascending id. */
    public String poolDocument(IntPredicate visible) {
        StringBuilder sb = new StringBuilder(256 * byId.size() + 32).append("<USER_POOL>");
        for (User u : byId.values()) {
            if (visible.test(u.id())) {
                sb.append(render(u));
            }
        }
        return sb.append("</USER_POOL>").toString();
    }

    private String render(User u) {
        String xml = u.cachedDocument();
        if (xml == null) {
            XmlDoc doc = new XmlDoc().open("USER").element("ID", u.id()).element("GID", u.gid())
                    .element("GNAME", groups.name(u.gid())).element("NAME", u.name())
                    .element("PASSWORD", u.password()).element("AUTH_DRIVER", u.authDriver())
                    .element("ENABLED", u.enabled() ? 1 : 0);
            TemplateXml.write(u.sharedTemplate(), doc.builder());
            xml = doc.close("USER").toString();
            u.cacheDocument(xml);
        }
        return xml;
    }
}
