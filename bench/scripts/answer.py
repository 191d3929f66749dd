#!/usr/bin/env python3
"""One XML-RPC call, checked: the answer must be [true, ...]. Prints its size in bytes and, with
OUT, writes it there (the TLS floor serves the one-proxy's own answer). Certificates are not
verified (the benchmark cloud's are self-signed).
Usage: answer.py URL BODY_FILE BASIC_TOKEN|"" [OUT]"""
import ssl
import sys
import urllib.request

url, body, token = sys.argv[1:4]
headers = {"Content-Type": "text/xml"}
if token:
    headers["Authorization"] = "Basic " + token
request = urllib.request.Request(url, data=open(body, "rb").read(), method="POST", headers=headers)
answer = urllib.request.urlopen(request, context=ssl._create_unverified_context()).read()
assert b"<boolean>1</boolean>" in answer[:200], answer[:300]
if len(sys.argv) > 4:
    open(sys.argv[4], "wb").write(answer)
print(len(answer))
