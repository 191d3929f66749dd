package eu.stratuslab.pdisk.db;

import eu.stratuslab.infra.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.After;
import org.junit.Before;

import eu.stratuslab.pdisk.support.PdiskFixture;

/** The repositories on the default embedded H2 file database (MySQL mode). */
public class H2RepositoryTest extends RepositoryContract {

    private Path dir;
    private Database db;

    @Before
    public void open() throws Exception {
        dir = Files.createTempDirectory("pdisk-h2");
        db = PdiskSchema.open(PdiskSchema.embedded(dir));
    }

    @After
    public void close() {
        db.close();
        PdiskFixture.deleteTree(dir);
    }

    @Override
    protected Database database() {
        return db;
    }
}
