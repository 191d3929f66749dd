// Disk manager for the pdisk REST API. Authentication: the login form keeps the credentials in
// memory only and sends them as an explicit HTTP Basic header on every API call (no cookie, no
// credentials in URLs). The API lives under "pswd/" relative to this page.
(function () {
  'use strict';
  var api = 'pswd/';
  var authHeader = null;

  function $(id) { return document.getElementById(id); }

  function setStatus(text, isError) {
    var s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  function call(method, path, body) {
    var headers = { 'Accept': 'application/json', 'Authorization': authHeader };
    var init = { method: method, headers: headers, credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(api + path, init).then(function (resp) {
      return resp.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!resp.ok) {
          throw new Error((data && data.message) || ('HTTP ' + resp.status));
        }
        return data;
      });
    });
  }

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function button(label, cls, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.className = cls;
    b.addEventListener('click', onClick);
    return b;
  }

  function render(disks, mountsByUuid) {
    var body = $('disk-rows');
    body.textContent = '';
    disks.forEach(function (d) {
      var row = document.createElement('tr');
      row.setAttribute('data-uuid', d.uuid);
      cell(row, d.tag === '' ? 'No tag' : d.tag, 'tag');
      cell(row, d.owner, 'owner');
      cell(row, d.size, 'size');
      cell(row, d.visibility, 'visibility');
      cell(row, d.type, 'type');
      cell(row, d.count, 'users');
      var mounts = mountsByUuid[d.uuid] || [];
      cell(row, mounts.map(function (m) { return m.vmId + ' (' + m.device + ')'; }).join(', '), 'mounts');
      cell(row, d.uuid, 'uuid');
      var actions = cell(row, '', 'actions');
      actions.appendChild(button('Edit', 'edit', function () { startEdit(d); }));
      actions.appendChild(button('Delete', 'delete', function () { remove(d.uuid); }));
      body.appendChild(row);
    });
  }

  function refresh(message) {
    return call('GET', 'disks/').then(function (disks) {
      return Promise.all(disks.map(function (d) {
        return call('GET', 'disks/' + d.uuid + '/mounts').catch(function () { return []; });
      })).then(function (lists) {
        var byUuid = {};
        disks.forEach(function (d, i) { byUuid[d.uuid] = lists[i]; });
        render(disks, byUuid);
        setStatus(message || (disks.length + ' disk(s)'), false);
      });
    }).catch(function (e) { setStatus(e.message, true); });
  }

  function startEdit(d) {
    $('edit-uuid').textContent = d.uuid;
    $('edit-tag').value = d.tag;
    $('edit-visibility').value = d.visibility;
    $('edit-form').hidden = false;
  }

  function remove(uuid) {
    call('DELETE', 'disks/' + uuid + '/').then(function () {
      return refresh('Deleted ' + uuid);
    }).catch(function (e) { setStatus(e.message, true); });
  }

  $('login-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var user = $('login-user').value;
    authHeader = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + $('login-password').value)));
    call('GET', '').then(function () {
      $('login-form').hidden = true;
      $('app').hidden = false;
      $('whoami').textContent = 'Logged in as ' + user;
      return refresh();
    }).catch(function (e) { authHeader = null; setStatus('Login failed: ' + e.message, true); });
  });

  $('create-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    call('POST', 'disks/', {
      size: $('create-size').value, tag: $('create-tag').value, visibility: $('create-visibility').value
    }).then(function (r) {
      return refresh('Created ' + r.uuid);
    }).catch(function (e) { setStatus(e.message, true); });
  });

  $('edit-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var uuid = $('edit-uuid').textContent;
    call('PUT', 'disks/' + uuid, { tag: $('edit-tag').value, visibility: $('edit-visibility').value })
      .then(function () {
        $('edit-form').hidden = true;
        return refresh('Updated ' + uuid);
      }).catch(function (e) { setStatus(e.message, true); });
  });

  $('refresh').addEventListener('click', function () { refresh(); });

  $('edit-cancel').addEventListener('click', function () { $('edit-form').hidden = true; });
})();
