#!/usr/bin/env python3
"""Allocate -> RUNNING against an installed StratusLab cloud (rpm/smoke-test.sh).

usage: smoke_allocate.py <state dir holding credentials.txt, endpoints.txt, images.txt> [timeout s]

As the demo user on the one-proxy (HTTP Basic, the legacy CLI's path), allocates a VM from the
image the embedded marketplace published, then polls one.vm.info until the VM is RUNNING
(STATE 3, LCM_STATE 3). Exits 1 with the VM's error and log when it fails, ends in FAILED or
the deadline passes. Prints the VM id on success.
"""
import os
import ssl
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET
import xmlrpc.client


def read_pairs(path, sep):
    pairs = {}
    with open(path) as f:
        for line in f:
            if sep in line:
                k, v = line.rstrip("\n").split(sep, 1)
                pairs[k] = v
    return pairs


def fail(msg):
    print("smoke_allocate: FAILED: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    state = sys.argv[1]
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 120
    creds = read_pairs(os.path.join(state, "credentials.txt"), ":")
    endpoints = read_pairs(os.path.join(state, "endpoints.txt"), " ")
    with open(os.path.join(state, "images.txt")) as f:
        image_id = f.read().split()[0]
    url = urllib.parse.urlsplit(endpoints["one-proxy"])
    authed = url._replace(netloc="demo:%s@%s" % (urllib.parse.quote(creds["demo"], safe=""), url.netloc))
    ctx = ssl._create_unverified_context()  # the installation's self-signed certificate
    s = xmlrpc.client.ServerProxy(urllib.parse.urlunsplit(authed), context=ctx)
    ok, vm_id, _ = s.one.vm.allocate("ignored", """
      NAME = "rpm-smoke"
      CPU = 0.5
      MEMORY = 128
      DISK = [ SOURCE = "%s", TARGET = "vda" ]
      NIC = [ NETWORK = "public", NETWORK_UNAME = "oneadmin" ]
      CONTEXT = [ HOSTNAME = "smoke", TARGET = "hdc" ]
    """ % image_id)
    if not ok:
        fail("one.vm.allocate refused: %s" % vm_id)
    deadline = time.monotonic() + timeout
    last = None
    while True:
        ok, doc, _ = s.one.vm.info("ignored", vm_id)
        if not ok:
            fail("one.vm.info(%d): %s" % (vm_id, doc))
        vm = ET.fromstring(doc)
        state_, lcm = int(vm.findtext("STATE")), int(vm.findtext("LCM_STATE"))
        if (state_, lcm) != last:
            print("VM %d: STATE=%d LCM_STATE=%d" % (vm_id, state_, lcm), file=sys.stderr)
            last = (state_, lcm)
        if state_ == 3 and lcm == 3:
            print(vm_id)
            return
        if state_ in (6, 7):  # DONE, FAILED
            fail("VM %d ended in STATE=%d: %s" % (vm_id, state_, vm.findtext("TEMPLATE/ERROR/MESSAGE")))
        if time.monotonic() > deadline:
            fail("VM %d not RUNNING after %ds (STATE=%d LCM_STATE=%d)" % (vm_id, timeout, state_, lcm))
        time.sleep(0.5)


if __name__ == "__main__":
    main()
