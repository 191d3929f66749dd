package eu.stratuslab.probes;

import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Every API method applied by one ordinary user (the attacker) to another user's objects — a VM,
 * an image, a template, a network, the user itself, hosts, groups and ACLs — and every pdisk
 * operation on the other user's private volume and its mount. A call that succeeds is a
 * cross-user success; there must be none. Destructive calls come last, so an earlier hole cannot
 * hide a later one.
 */
final class AuthorizationMatrixProbe {
    private final CloudProcess cloud;
    private final List<String> successes = new ArrayList<>();
    private final List<String> imageReferenceSuccesses = new ArrayList<>();
    private final List<String> refusedOtherwise = new ArrayList<>();
    private int attempts;

    AuthorizationMatrixProbe(CloudProcess cloud) {
        this.cloud = cloud;
    }

    ProbeReport run() throws Exception {
        ProbeReport report = new ProbeReport("authorization matrix");
        OneClient victim = cloud.one(CloudProcess.VICTIM);
        OneClient attacker = cloud.one(CloudProcess.ATTACKER);
        OneClient admin = cloud.one(CloudProcess.ADMIN);
        int victimUid = uid(victim);
        int attackerUid = uid(attacker);

        // the victim's objects, all with the default permissions (owner only)
        String nic = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
        int vm = victim.must("one.vm.allocate", "NAME = victim-vm\nCPU = 0.01\nMEMORY = 16\n" + nic).id();
        int image = victim.must("one.image.allocate", "NAME = \"victim-image\"\nTYPE = DATABLOCK\nSIZE = 1\nFSTYPE = raw\n").id();
        int template = victim.must("one.template.allocate", "NAME = \"victim-template\"\nCPU = 0.01\nMEMORY = 16\n" + nic).id();
        int net = victim.must("one.vn.allocate", "NAME = \"victim-net\"\nTYPE = FIXED\nBRIDGE = br7\nLEASES = [ IP = 10.77.0.1 ]\nLEASES = [ IP = 10.77.0.2 ]\n").id();
        int ownVm = attacker.must("one.vm.allocate", "NAME = attacker-vm\nCPU = 0.01\nMEMORY = 16\n" + nic).id();
        PdiskClient victimDisks = cloud.pdisk(CloudProcess.VICTIM);
        String volume = victimDisks.create("size=1&tag=victim-volume&visibility=private");
        HttpResponse<String> mount = victimDisks.send("POST", "disks/" + volume + "/mounts/", "node=localhost&vm_id=" + vm + "&register_only=true");
        if (mount.statusCode() != 200) {
            throw new IllegalStateException("the victim could not register a mount of its own volume: " + mount.statusCode() + " " + mount.body());
        }

        // read and modify
        xml(attacker, "one.vm.info", vm);
        xml(attacker, "one.image.info", image);
        xml(attacker, "one.template.info", template);
        xml(attacker, "one.vn.info", net);
        xml(attacker, "one.user.info", victimUid);
        for (String action : List.of("hold", "release", "stop", "suspend", "resume", "reboot", "restart", "resubmit",
                "shutdown", "cancel", "poweroff")) {
            xml(attacker, "one.vm.action", action, vm);
        }
        xml(attacker, "one.vm.deploy", vm, 0);
        xml(attacker, "one.vm.migrate", vm, 0, false);
        xml(attacker, "one.vm.savedisk", vm, 0, "stolen", "");
        xml(attacker, "one.vm.chmod", vm, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        xml(attacker, "one.vm.chown", vm, attackerUid, -1);
        xml(attacker, "one.image.update", image, "NAME = stolen\n");
        xml(attacker, "one.image.enable", image, false);
        xml(attacker, "one.image.persistent", image, true);
        xml(attacker, "one.image.chtype", image, "OS");
        xml(attacker, "one.image.chmod", image, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        xml(attacker, "one.image.chown", image, attackerUid, -1);
        xml(attacker, "one.template.update", template, "NAME = stolen\nCPU = 0.01\nMEMORY = 16\n");
        xml(attacker, "one.template.chmod", template, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        xml(attacker, "one.template.chown", template, attackerUid, -1);
        finalizeIfAllocated(attacker, xml(attacker, "one.template.instantiate", template, "stolen"));
        xml(attacker, "one.vn.update", net, "NAME = stolen\n");
        xml(attacker, "one.vn.addleases", net, "LEASES = [ IP = 10.77.0.3 ]");
        xml(attacker, "one.vn.hold", net, "LEASES = [ IP = 10.77.0.1 ]");
        xml(attacker, "one.vn.release", net, "LEASES = [ IP = 10.77.0.1 ]");
        xml(attacker, "one.vn.rmleases", net, "LEASES = [ IP = 10.77.0.2 ]");
        xml(attacker, "one.vn.chmod", net, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        xml(attacker, "one.vn.chown", net, attackerUid, -1);
        finalizeIfAllocated(attacker, xml(attacker, "one.vm.allocate", "NAME = x\nCPU = 0.01\nMEMORY = 16\nNIC = [ NETWORK_ID = " + net + " ]\n"));
        finalizeIfAllocated(attacker, xml(attacker, "one.vm.allocate", "NAME = x\nCPU = 0.01\nMEMORY = 16\nNIC = [ NETWORK = \"victim-net\", NETWORK_UNAME = \"demo\" ]\n"));
        // references to the victim's private image (issue 13 item 1)
        imageReference(attacker, "one.vm.allocate IMAGE_ID", "one.vm.allocate",
                "NAME = x\nCPU = 0.01\nMEMORY = 16\n" + nic + "DISK = [ IMAGE_ID = " + image + " ]\n");
        imageReference(attacker, "one.vm.allocate IMAGE+IMAGE_UNAME", "one.vm.allocate",
                "NAME = x\nCPU = 0.01\nMEMORY = 16\n" + nic + "DISK = [ IMAGE = \"victim-image\", IMAGE_UNAME = \"demo\" ]\n");
        imageReference(attacker, "one.vm.allocate IMAGE+IMAGE_UID", "one.vm.allocate",
                "NAME = x\nCPU = 0.01\nMEMORY = 16\n" + nic + "DISK = [ IMAGE = \"victim-image\", IMAGE_UID = " + victimUid + " ]\n");
        OneClient.Reply own = attacker.call("one.template.allocate", "NAME = \"attacker-template\"\nCPU = 0.01\nMEMORY = 16\n" + nic
                + "DISK = [ IMAGE_ID = " + image + " ]\n");
        if (own.ok()) {
            imageReference(attacker, "one.template.instantiate of a template naming it", "one.template.instantiate", own.id(), "x");
            attacker.call("one.template.delete", own.id());
        }
        // users, groups, ACLs, hosts
        xml(attacker, "one.user.update", victimUid, "SSH_KEY = stolen\n");
        xml(attacker, "one.user.passwd", victimUid, "stolen-password");
        xml(attacker, "one.user.chauth", victimUid, "core", "stolen-password");
        xml(attacker, "one.user.chgrp", victimUid, 0);
        xml(attacker, "one.user.chgrp", attackerUid, 0); // joining oneadmin's group is an escalation
        cleanupIfSucceeded(admin, "one.user.delete", xml(attacker, "one.user.allocate", "probe-eve", "pw", ""));
        cleanupIfSucceeded(admin, "one.group.delete", xml(attacker, "one.group.allocate", "probe-group"));
        cleanupIfSucceeded(admin, "one.acl.delrule", xml(attacker, "one.acl.addrule", "0x100000000", "0x2d400000000", "0xf"));
        cleanupIfSucceeded(admin, "one.host.delete", xml(attacker, "one.host.allocate", "probe-host", "im_kvm", "vmm_dummy", "dummy", "tm_stratuslab"));
        xml(attacker, "one.host.enable", 0, false);
        xml(attacker, "one.host.update", 0, "LIBVIRT_URI = \"test:///default\"\nPROBE = stolen\n");
        xml(attacker, "one.acl.delrule", 0);
        // pools must not list the victim's private objects
        poolHides(attacker, "one.vmpool.info(-2)", "VM", vm, "one.vmpool.info", -2, -1, -1, -2);
        poolHides(attacker, "one.vmpool.info(victim uid)", "VM", vm, "one.vmpool.info", victimUid, -1, -1, -2);
        poolHides(attacker, "one.imagepool.info(-2)", "IMAGE", image, "one.imagepool.info", -2, -1, -1);
        poolHides(attacker, "one.templatepool.info(-2)", "VMTEMPLATE", template, "one.templatepool.info", -2, -1, -1);
        poolHides(attacker, "one.vnpool.info(-2)", "VNET", net, "one.vnpool.info", -2, -1, -1);
        // /RPC2 with a wrong password of the victim
        rpc2WrongPassword(vm);

        // pdisk on the victim's private volume
        PdiskClient pdisk = cloud.pdisk(CloudProcess.ATTACKER);
        http(pdisk, "GET", "disks/" + volume, null);
        http(pdisk, "HEAD", "disks/" + volume, null);
        http(pdisk, "PUT", "disks/" + volume, "tag=stolen&visibility=public");
        http(pdisk, "POST", "disks/" + volume + "?method=put", "tag=stolen");
        http(pdisk, "POST", "disks/" + volume, null); // copy-on-write / rebase
        http(pdisk, "POST", "disks/" + volume + "/mounts/", "node=localhost&vm_id=" + ownVm + "&register_only=true");
        http(pdisk, "DELETE", "disks/" + volume + "/mounts/" + volume + "_" + vm, null);
        HttpResponse<String> list = pdisk.send("GET", "disks/", null);
        attempts++;
        if (list.body().contains(volume)) {
            successes.add("pdisk GET disks/ lists the victim's private volume");
        }
        attempts++;
        HttpResponse<byte[]> download = PdiskClient.http().send(java.net.http.HttpRequest.newBuilder(pdisk.base().resolve("disks/" + volume))
                .header("Authorization", FuzzProbe.basic(CloudProcess.ATTACKER, cloud.password(CloudProcess.ATTACKER)))
                .header("Accept", "application/x-gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (download.statusCode() / 100 == 2) {
            successes.add("pdisk gzip download -> " + download.statusCode());
        }
        HttpResponse<String> created = pdisk.send("POST", "disks/", "size=1&owner=" + CloudProcess.VICTIM);
        attempts++;
        if (created.statusCode() / 100 == 2 || created.statusCode() == 303) {
            successes.add("pdisk create with owner=demo -> " + created.statusCode());
        }
        ssrf(report, pdisk);

        // destructive calls last
        xml(attacker, "one.vm.action", "finalize", vm);
        xml(attacker, "one.image.delete", image);
        xml(attacker, "one.template.delete", template);
        xml(attacker, "one.vn.delete", net);
        xml(attacker, "one.user.delete", victimUid);
        http(pdisk, "DELETE", "disks/" + volume, null);
        http(pdisk, "POST", "disks/" + volume + "?method=delete", null);

        // the victim's objects are intact
        boolean intact = victim.call("one.vm.info", vm).ok() && victim.call("one.image.info", image).ok()
                && victim.call("one.template.info", template).ok() && victim.call("one.vn.info", net).ok()
                && victimDisks.send("GET", "disks/" + volume, null).statusCode() == 200;
        victim.call("one.vm.action", "finalize", vm);
        attacker.call("one.vm.action", "finalize", ownVm);
        victimDisks.send("DELETE", "disks/" + volume + "/mounts/" + volume + "_" + vm + "?metadata_only=true", null);
        victimDisks.send("DELETE", "disks/" + volume, null);

        report.measure("cross-user attempts", attempts);
        report.check("cross-user successes", successes.size(), successes.isEmpty(), String.join("; ", successes));
        report.check("cross-user image references accepted (DISK IMAGE_ID/IMAGE)", imageReferenceSuccesses.size(),
                imageReferenceSuccesses.isEmpty(), String.join("; ", imageReferenceSuccesses), KnownHoles.ITEM_1_IMAGE_REFERENCES);
        report.measure("refusals with a code other than AUTHORIZATION (512)", refusedOtherwise.size()
                + (refusedOtherwise.isEmpty() ? "" : " (" + String.join(", ", refusedOtherwise.subList(0, Math.min(8, refusedOtherwise.size()))) + ")"));
        report.check("victim's objects intact afterwards", intact ? "yes" : "no", intact, "");
        return report;
    }

    private static int uid(OneClient client) throws Exception {
        return Integer.parseInt(Xml.text(Xml.parse(client.must("one.user.info", -1).text()), "ID"));
    }

    private OneClient.Reply xml(OneClient attacker, String method, Object... params) throws Exception {
        attempts++;
        OneClient.Reply r = attacker.call(method, params);
        if (r.ok()) {
            successes.add(method + describe(params));
        } else if (r.code() != 512) {
            refusedOtherwise.add(method + "=" + r.code());
        }
        return r;
    }

    private void imageReference(OneClient attacker, String label, String method, Object... params) throws Exception {
        attempts++;
        OneClient.Reply r = attacker.call(method, params);
        if (r.ok()) {
            imageReferenceSuccesses.add(label);
            attacker.call("one.vm.action", "finalize", r.id());
        }
    }

    private static void finalizeIfAllocated(OneClient attacker, OneClient.Reply r) throws Exception {
        if (r.ok()) {
            attacker.call("one.vm.action", "finalize", r.id());
        }
    }

    private static void cleanupIfSucceeded(OneClient admin, String method, OneClient.Reply r) throws Exception {
        if (r.ok()) {
            admin.call(method, r.id());
        }
    }

    private void poolHides(OneClient attacker, String label, String element, int id, String method, Object... params) throws Exception {
        attempts++;
        OneClient.Reply r = attacker.call(method, params);
        // every pool entry starts with its ID; a string search also works on a pool that other
        // probes filled with odd (fuzzed) templates
        if (r.ok() && r.text().contains("<" + element + "><ID>" + id + "</ID>")) {
            successes.add(label + " lists the victim's " + element + " " + id);
        }
    }

    private void rpc2WrongPassword(int vm) throws Exception {
        attempts++;
        XmlRpcClient rpc2 = new XmlRpcClient(Loopback.requireLoopback(cloud.endpoint("rpc2")));
        try {
            Object answer = rpc2.call("one.vm.info", CloudProcess.VICTIM + ":wrong-password", vm);
            if (answer instanceof List<?> triple && Boolean.TRUE.equals(triple.get(0))) {
                successes.add("/RPC2 one.vm.info with the victim's name and a wrong password");
            }
        } catch (java.io.IOException | eu.stratuslab.xmlrpc.XmlRpcFault refused) {
            // an HTTP error or a fault is a refusal
        }
    }

    private void http(PdiskClient pdisk, String method, String path, String form) throws Exception {
        attempts++;
        HttpResponse<String> r = pdisk.send(method, path, form);
        if (r.statusCode() / 100 == 2 || r.statusCode() == 303) {
            successes.add("pdisk " + method + " " + path + " -> " + r.statusCode());
        }
    }

    /** Issue 13 item 2: an ordinary user makes pdisk fetch an internal URL. */
    private void ssrf(ProbeReport report, PdiskClient pdisk) throws Exception {
        attempts++;
        String internal = cloud.endpoint("marketplace") + "/metadata/";
        HttpResponse<String> r = pdisk.send("POST", "disks/", "size=1&url=" + java.net.URLEncoder.encode(internal,
                java.nio.charset.StandardCharsets.UTF_8));
        boolean fetched = r.statusCode() == 201;
        if (fetched) {
            String uuid = PdiskClient.JSON.readTree(r.body()).get("uuid").asText();
            pdisk.send("DELETE", "disks/" + uuid, null);
        }
        report.check("pdisk URL import of an internal URL by an ordinary user", r.statusCode(), !fetched,
                "201: the cloud fetched " + internal + " for the attacker", KnownHoles.ITEM_2_SSRF);
    }

    private static String describe(Object... params) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.length; i++) {
            String p = String.valueOf(params[i]).replace('\n', ' ');
            sb.append(i == 0 ? "" : ", ").append(p.length() > 40 ? p.substring(0, 40) + "…" : p);
        }
        return sb.append(')').toString();
    }
}
