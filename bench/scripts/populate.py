#!/usr/bin/env python3
"""Allocate N VMs over /RPC2 with keep-alive connections (bench set-up, not measured).
Usage: populate.py URL SESSION COUNT THREADS TEMPLATE_FILE [hold]
With "hold", every VM is put on HOLD right after its allocation (in the pool, not PENDING)."""
import http.client, re, sys, threading, urllib.parse, xmlrpc.client

url, session, count, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
template = open(sys.argv[5]).read()
hold = len(sys.argv) > 6 and sys.argv[6] == "hold"
u = urllib.parse.urlparse(url)
body = xmlrpc.client.dumps((session, template), "one.vm.allocate").encode()
lock = threading.Lock()
remaining = [count]
errors = []

def call(conn, request):
    """(success, answer)"""
    conn.request("POST", u.path, request, {"Content-Type": "text/xml"})
    r = conn.getresponse().read()
    return b"<boolean>1</boolean>" in r, r

def worker():
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    while True:
        with lock:
            if remaining[0] == 0:
                return
            remaining[0] -= 1
        ok, r = call(conn, body)
        if ok and hold:
            vm_id = int(re.search(rb"<i4>(-?[0-9]+)</i4>", r).group(1))
            request = xmlrpc.client.dumps((session, "hold", vm_id), "one.vm.action").encode()
            for attempt in range(3):
                ok, r = call(conn, request)
                if ok or b"Database error" not in r:
                    break
                # seen on a loaded machine (load 10+): said, not hidden, then tried again
                sys.stderr.write("populate: hold of VM %d answered %r\n" % (vm_id, r[:300]))
        if not ok:
            errors.append(r[:300])
            return

ts = [threading.Thread(target=worker) for _ in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
if errors:
    sys.exit("allocate failed: %r" % errors[0])
