#!/usr/bin/env python3
"""Allocate VMs one at a time until one stays PENDING for 5 s: the hosts are then full (bench
set-up, not measured). With "hold", that last VM is held. Prints how many VMs were placed.
Usage: fill_hosts.py URL SESSION TEMPLATE_FILE [hold]"""
import re, sys, time, xmlrpc.client

url, session = sys.argv[1], sys.argv[2]
template = open(sys.argv[3]).read()
hold = len(sys.argv) > 4 and sys.argv[4] == "hold"
s = xmlrpc.client.ServerProxy(url)

def state(vm_id):
    ok, xml, _ = s.one.vm.info(session, vm_id)
    assert ok, xml
    return int(re.search(r"<STATE>([0-9]+)</STATE>", xml).group(1))

placed = 0
while True:
    ok, vm_id, _ = s.one.vm.allocate(session, template)
    assert ok, vm_id
    deadline = time.monotonic() + 5
    while state(vm_id) == 1 and time.monotonic() < deadline:  # PENDING
        time.sleep(0.02)
    if state(vm_id) == 1:
        break
    placed += 1
if hold:
    ok, r, _ = s.one.vm.action(session, "hold", vm_id)
    assert ok, r
print(placed)
