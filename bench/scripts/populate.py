#!/usr/bin/env python3
"""Allocate N VMs over /RPC2 with keep-alive connections (bench set-up, not measured)."""
import http.client, sys, threading, urllib.parse, xmlrpc.client

url, session, count, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
template = open(sys.argv[5]).read()
u = urllib.parse.urlparse(url)
body = xmlrpc.client.dumps((session, template), "one.vm.allocate").encode()
lock = threading.Lock()
remaining = [count]
errors = []

def worker():
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
    while True:
        with lock:
            if remaining[0] == 0:
                return
            remaining[0] -= 1
        conn.request("POST", u.path, body, {"Content-Type": "text/xml"})
        r = conn.getresponse().read()
        if b"<boolean>1</boolean>" not in r:
            errors.append(r[:300])
            return

ts = [threading.Thread(target=worker) for _ in range(threads)]
[t.start() for t in ts]
[t.join() for t in ts]
if errors:
    sys.exit("allocate failed: %r" % errors[0])
