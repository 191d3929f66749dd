#!/usr/bin/env python3
"""Where a JVM's CPU went, from a JFR recording: each execution sample is charged to the first
frame (from the running method down the stack) that belongs to a known part, so that JDK helpers
(collections, strings) count for whoever called them. Prints a Markdown table.
Usage: jfr_breakdown.py RECORDING.jfr [THREAD_PREFIX]   (needs the JDK's `jfr` tool)"""
import collections
import re
import subprocess
import sys

PARTS = [  # (part, frame prefixes), tried in this order for each frame
    ("TLS (JSSE records and handshakes, AES-GCM)", ("sun.security.ssl.", "com.sun.crypto.", "sun.security.",
                                                   "javax.crypto.")),
    ("XML-RPC codec (parse the call, write the answer)", ("eu.stratuslab.xmlrpc.", "com.sun.org.apache.xerces.",
                                                        "javax.xml.stream.", "com.ctc.wstx.")),
    ("authentication (Basic, credential cache, throttle)", ("eu.stratuslab.authn.",)),
    ("API and core (dispatch, lookup, rights, cached document)", ("eu.stratuslab.",)),
    ("Jetty (HTTP parsing and generation, buffers, threads)", ("org.eclipse.jetty.",)),
    ("JDK sockets and selector", ("sun.nio.ch.", "java.nio.channels.")),
]


def main():
    recording = sys.argv[1]
    thread_prefix = sys.argv[2] if len(sys.argv) > 2 else ""
    text = subprocess.run(["jfr", "print", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                          check=True, capture_output=True, text=True).stdout
    counts = collections.Counter()
    total = 0
    for event in text.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', event)
        if thread_prefix and (not m or not m.group(1).startswith(thread_prefix)):
            continue
        frames = re.findall(r"^\s+([\w.$<>]+)\(", event, re.M)
        part = "other (JIT-compiled JDK code reached from none of the above, GC helpers)"
        for frame in frames:
            hit = next((p for p, prefixes in PARTS if frame.startswith(prefixes)), None)
            if hit:
                part = hit
                break
        counts[part] += 1
        total += 1
    print("| part | samples | share |")
    print("|---|---|---|")
    for part, n in counts.most_common():
        print("| %s | %d | %.0f %% |" % (part, n, 100.0 * n / total if total else 0))
    print("| all | %d | 100 %% |" % total)


if __name__ == "__main__":
    main()
