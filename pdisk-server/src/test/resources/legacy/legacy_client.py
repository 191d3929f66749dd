#!/usr/bin/env python3
"""The legacy StratusLab CLI's pdisk call sequences (legacy-cli.md 4.9-4.13) with urllib only.

Usage: legacy_client.py <pdisk endpoint, e.g. http://127.0.0.1:9206/pdisk> <user> <password>
Prints one line per step; exits non-zero at the first unexpected answer.
"""
import base64
import json
import os
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request

endpoint, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
base = endpoint.rstrip('/') + '/pswd'   # username and password set -> /pswd


class SeeOther(urllib.request.HTTPRedirectHandler):
    """A 303 is followed as GET whatever the method (the client follows the PUT's 303)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if code == 303:
            return urllib.request.Request(newurl, headers={'Accept': req.get_header('Accept')}, method='GET')
        return super().redirect_request(req, fp, code, msg, headers, newurl)


passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
passwords.add_password(None, base, user, password)
auth = urllib.request.HTTPBasicAuthHandler(passwords)
handlers = [auth, SeeOther()]
if os.environ.get('PDISK_INSECURE') == '1':
    # like the legacy client, which never verified the server certificate (self-signed clouds)
    handlers.append(urllib.request.HTTPSHandler(context=ssl._create_unverified_context()))
opener = urllib.request.build_opener(*handlers)
challenges = []


def call(method, path, form=None, accept='application/json', preemptive=False):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    req = urllib.request.Request(base + '/' + path, data=data, method=method)
    req.add_header('Accept', accept)
    if data is not None:
        req.add_header('Content-Type', 'application/x-www-form-urlencoded')
    if preemptive:
        token = base64.b64encode(('%s:%s' % (user, password)).encode()).decode()
        req.add_header('Authorization', 'Basic ' + token)
    try:
        with opener.open(req, timeout=60) as resp:
            body = resp.read().decode()
            return resp.status, (json.loads(body) if body.strip() else None)
    except urllib.error.HTTPError as e:
        body = e.read().decode()
        try:
            return e.code, json.loads(body)
        except ValueError:
            return e.code, body


def expect(step, got, wanted):
    if got != wanted:
        print('FAILED %s: status %s, expected %s' % (step, got, wanted))
        sys.exit(1)


# the server must challenge a credential-less GET (not 403): probe without the auth handler
try:
    urllib.request.build_opener(*handlers[2:]).open(
        urllib.request.Request(base + '/disks/', headers={'Accept': 'application/json'}), timeout=30)
    print('FAILED challenge: no 401')
    sys.exit(1)
except urllib.error.HTTPError as e:
    expect('challenge', e.code, 401)
    challenges.append(e.headers.get('WWW-Authenticate'))
print('CHALLENGE %s' % challenges[0])

# service available: HEAD <base>
status, _ = call('HEAD', '')
expect('service available', status, 200)

# stratus-create-volume -s 1 -t legacy
status, body = call('POST', 'disks/', {'size': '1', 'tag': 'legacy', 'visibility': 'private'}, preemptive=True)
expect('create', status, 201)
uuid = body['uuid']
print('DISK %s' % uuid)

# stratus-describe-volumes (filter client-side)
status, disks = call('GET', 'disks/')
expect('describe', status, 200)
mine = [d for d in disks if d['uuid'] == uuid]
print(':: DISK %s' % uuid)
for key, value in mine[0].items():
    if key != 'uuid':
        print('\t%s: %s' % (key, value))

# stratus-update-volume -t renamed --public --data-image-raw-read-write UUID (PUT, no trailing slash)
status, _ = call('PUT', 'disks/' + uuid, {'tag': 'renamed', 'visibility': 'PUBLIC', 'type': 'DATA_IMAGE_RAW_READ_WRITE'})
if not (200 <= status < 300 or status == 303):
    expect('update', status, 200)
status, disk = call('GET', 'disks/' + uuid + '/')
expect('describe one', status, 200)
print('UPDATED tag=%s visibility=%s' % (disk['tag'], disk['visibility']))

# stratus-attach-volume -i 42 UUID: free users first
free = 10 - int(disk['count'])
print('FREE %d' % free)
status, att = call('POST', 'disks/' + uuid + '/mounts/', {'node': 'node1.example.org', 'vm_id': '42'})
expect('attach', status, 200)
print('ATTACHED %s in VM %s on /dev/%s' % (uuid, att['vm_id'], att['target']))

# a second VM cannot attach the same read-write disk
status, err = call('POST', 'disks/' + uuid + '/mounts/', {'node': 'node2.example.org', 'vm_id': '43'})
expect('second attach', status, 409)
print('DISK %s: %s' % (uuid, err['message']))

# deleting a mounted disk fails with the server's message
status, err = call('DELETE', 'disks/' + uuid + '/')
expect('delete mounted', status, 409)
print('ERROR 409: Conflict. Error: %s' % err['message'])

# mount VM ids and TURL
status, mounts = call('GET', 'disks/' + uuid + '/mounts')
expect('mounts', status, 200)
print('MOUNTS %s' % ','.join(m['vmId'] for m in mounts))
status, turl = call('GET', 'disks/' + uuid + '/turl/')
expect('turl', status, 200)
print('TURL %s' % turl['turl'])

# stratus-detach-volume -i 42 UUID
status, det = call('DELETE', 'disks/%s/mounts/%s_42' % (uuid, uuid))
expect('detach', status, 200)
print('DETACHED %s from VM %s on /dev/%s' % (uuid, det['vmId'], det['target']))

# stratus-delete-volume UUID
status, deleted = call('DELETE', 'disks/' + uuid + '/')
expect('delete', status, 200)
print('DELETED %s' % deleted['uuid'])

# exists check after delete: HEAD with Accept: application/xml -> 404
status, _ = call('HEAD', 'disks/' + uuid + '/', accept='application/xml')
expect('exists after delete', status, 404)
print('GONE %s' % uuid)
