package eu.stratuslab.authn.file;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.authn.support.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PasswordFileTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The spec's sample file, with the variants the parser must accept. */
    private static final String SAMPLE = TestFiles.resource("/eu/stratuslab/authn/file/sample-login-pswd.properties");

    private static boolean accepts(PasswordFile file, String user, String password) {
        return file.entry(user).map(e -> e.credential().matches(password.toCharArray())).orElse(false);
    }

    @Test
    public void theSpecSampleAndRoles() throws Exception {
        PasswordFile file = PasswordFile.at(TestFiles.write(tmp.getRoot().toPath().resolve("login-pswd.properties"), SAMPLE));
        assertTrue(accepts(file, "oneadmin", "ChangeMe2014"));
        assertTrue(accepts(file, "pdisk", "Xy7PLm2Qa9Rt"));
        assertTrue(accepts(file, "alice", "password"));
        assertTrue(accepts(file, "bob", "password"));
        assertTrue(accepts(file, "carol", "password"));
        assertTrue(accepts(file, "dave", "s3cr:et@"));
        assertFalse(accepts(file, "alice", "ChangeMe2014"));
        assertFalse(accepts(file, "nobody", "x"));
        assertEquals(Set.of("cloud-access"), file.entry("oneadmin").orElseThrow().roles());
        assertEquals(Set.of("cloud-access", "other"), file.entry("bob").orElseThrow().roles());
        assertEquals(Set.of("cloud-access", "admin"), file.entry("carol").orElseThrow().roles());
        assertEquals(Set.of(), file.entry("dave").orElseThrow().roles());
        assertFalse("an entry without credential is ignored", file.entry("erin").isPresent());
    }

    @Test
    public void reloadsWhenEditedInPlace() throws Exception {
        Path path = TestFiles.write(tmp.getRoot().toPath().resolve("edit.properties"), "alice=one,cloud-access\n");
        PasswordFile file = PasswordFile.at(path);
        assertTrue(accepts(file, "alice", "one"));
        TestFiles.edit(path, "alice=two,other\nbob=three,cloud-access\n");
        assertFalse(accepts(file, "alice", "one"));
        assertTrue(accepts(file, "alice", "two"));
        assertEquals(Set.of("other"), file.entry("alice").orElseThrow().roles());
        assertTrue(accepts(file, "bob", "three"));
    }

    @Test
    public void reloadsWhenReplacedByRename() throws Exception {
        Path path = TestFiles.write(tmp.getRoot().toPath().resolve("replace.properties"), "alice=one,cloud-access\n");
        PasswordFile file = PasswordFile.at(path);
        assertTrue(accepts(file, "alice", "one"));
        Path next = TestFiles.write(tmp.getRoot().toPath().resolve("replace.new"), "alice=uno,cloud-access\n");
        Files.move(next, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertTrue(accepts(file, "alice", "uno"));
    }

    @Test
    public void missingFileMeansNoUsersAndAppearsLater() throws Exception {
        Path path = tmp.getRoot().toPath().resolve("later.properties");
        PasswordFile file = PasswordFile.at(path);
        assertFalse(file.entry("alice").isPresent());
        TestFiles.write(path, "alice=pw,cloud-access\n");
        assertTrue(accepts(file, "alice", "pw"));
        Files.delete(path);
        assertFalse(file.entry("alice").isPresent());
    }

    @Test
    public void nonAsciiPlainPasswordsInUtf8AndLatin1Files() throws Exception {
        Path utf8 = TestFiles.write(tmp.getRoot().toPath().resolve("utf8.properties"), "zoe=pässwörd,cloud-access\n");
        assertTrue(accepts(PasswordFile.at(utf8), "zoe", "pässwörd"));
        Path latin1 = tmp.getRoot().toPath().resolve("latin1.properties");
        Files.write(latin1, "zoe=p\u00e4ssw\u00f6rd,cloud-access\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(accepts(PasswordFile.at(latin1), "zoe", "pässwörd"));
    }
}
