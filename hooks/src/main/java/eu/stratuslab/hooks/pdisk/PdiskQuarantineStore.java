package eu.stratuslab.hooks.pdisk;

import eu.stratuslab.infra.fault.CrashPoint;
import eu.stratuslab.quarantine.QuarantineStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The quarantine's view of pdisk: the hooks' client, as the pdisk superuser. */
public final class PdiskQuarantineStore implements QuarantineStore {
    private final PdiskClient pdisk;
    private final String superuser;

    /** @param superuser the identity the client authenticates as ({@code disk.store.cloud.service.user}) */
    public PdiskQuarantineStore(PdiskClient pdisk, String superuser) {
        this.pdisk = pdisk;
        this.superuser = superuser;
    }

    @Override
    public String superuser() {
        return superuser;
    }

    @Override
    public List<StoredVolume> list() throws IOException {
        List<StoredVolume> out = new ArrayList<>();
        for (PdiskVolume v : pdisk.list()) {
            out.add(stored(v));
        }
        return out;
    }

    @Override
    public StoredVolume find(String uuid) throws IOException {
        PdiskVolume v = pdisk.find(uuid);
        return v == null ? null : stored(v);
    }

    @Override
    public boolean update(String uuid, Map<String, String> fields) throws IOException {
        try {
            pdisk.update(uuid, fields);
            return true;
        } catch (PdiskException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean mounted(String uuid) throws IOException {
        return !pdisk.mounts(uuid).isEmpty();
    }

    @Override
    public boolean delete(String uuid) throws IOException {
        try {
            pdisk.delete(uuid);
            // fault-injection tests kill the cloud here: the volume is gone, its owner record not yet
            CrashPoint.reach("quarantine.deleted");
            return true;
        } catch (PdiskException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static StoredVolume stored(PdiskVolume v) {
        return new StoredVolume(v.uuid(), v.owner(), v.identifier(), v.quarantine(), v.tag(), v.type());
    }
}
