/* The dashboard (WEB-30..39): plain JS, no build step. Polls /stats/requests every 2 s like Locust. */
(function () {
  'use strict';
  var args = window.templateArgs || {};
  var base = args.base_path || '';
  var $ = function (id) { return document.getElementById(id); };
  var state = args.state || 'ready';
  var lastStats = [];
  var sortKey = null, sortDir = 1;
  var charts = null;
  var activeTab = 'stats';

  function url(path) { return base + path; }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function int(v) { return v == null ? '-' : Math.round(v).toLocaleString('en-US'); }
  function dec(v, n) { return v == null ? '-' : Number(v).toFixed(n); }
  function getJson(path) {
    return fetch(url(path), { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (r.status === 401) { window.location.href = url('/login'); throw new Error('unauthorized'); }
      return r.json();
    });
  }
  function postForm(path, params) {
    return fetch(url(path), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: params.toString()
    }).then(function (r) { return r.json(); });
  }

  // ------------------------------------------------------------------ header and state
  function setState(s) {
    state = s;
    var el = $('status');
    el.textContent = s.toUpperCase();
    el.className = 'metric-value ' + s;
    var running = s === 'spawning' || s === 'running';
    $('btn-stop').hidden = !running;
    $('btn-edit').hidden = !running;
    $('btn-new').hidden = running || s === 'cleanup' || s === 'stopping';
    document.body.setAttribute('data-state', s);
  }

  function showStart() {
    $('start-error').hidden = true;
    $('start-modal').hidden = false;
    $('start-cancel').hidden = state === 'ready';
    $('user_count').focus();
  }

  // ------------------------------------------------------------------ statistics table
  function cmp(a, b) {
    var x = a[sortKey], y = b[sortKey];
    if (typeof x === 'string' || typeof y === 'string') return String(x).localeCompare(String(y)) * sortDir;
    return ((x || 0) - (y || 0)) * sortDir;
  }
  function renderStats() {
    var rows = lastStats.slice();
    var total = rows.length && rows[rows.length - 1].name === 'Aggregated' ? rows.pop() : null;
    if (sortKey) rows.sort(cmp);
    if (total) rows.push(total);
    var html = rows.map(function (s) {
      var isTotal = s === total;
      return '<tr' + (isTotal ? ' class="total"' : '') + '>' +
        '<td class="method">' + esc(s.method) + '</td>' +
        '<td class="name">' + esc(s.name) + '</td>' +
        '<td>' + int(s.num_requests) + '</td>' +
        '<td' + (s.num_failures > 0 ? ' class="fails"' : '') + '>' + int(s.num_failures) + '</td>' +
        '<td>' + int(s.median_response_time) + '</td>' +
        '<td>' + int(s['response_time_percentile_0.95']) + '</td>' +
        '<td>' + int(s['response_time_percentile_0.99']) + '</td>' +
        '<td>' + int(s.avg_response_time) + '</td>' +
        '<td>' + int(s.min_response_time) + '</td>' +
        '<td>' + int(s.max_response_time) + '</td>' +
        '<td>' + int(s.avg_content_length) + '</td>' +
        '<td>' + dec(s.current_rps, 1) + '</td>' +
        '<td>' + dec(s.current_fail_per_sec, 1) + '</td></tr>';
    }).join('');
    $('stats-table').tBodies[0].innerHTML = html;
    var hasData = rows.length > 1 || (total && total.num_requests > 0);
    $('stats-empty').hidden = !!hasData;
  }
  Array.prototype.forEach.call(document.querySelectorAll('#stats-table th'), function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      if (sortKey === key) { sortDir = -sortDir; } else { sortKey = key; sortDir = th.getAttribute('data-type') === 's' ? 1 : -1; }
      Array.prototype.forEach.call(document.querySelectorAll('#stats-table th'), function (o) { o.className = ''; });
      th.className = sortDir > 0 ? 'sorted-asc' : 'sorted-desc';
      renderStats();
    });
  });

  function renderFailures(errors) {
    $('failures-table').tBodies[0].innerHTML = errors.map(function (e) {
      return '<tr><td>' + int(e.occurrences) + '</td><td>' + esc(e.method) + '</td><td class="wrap">' +
        esc(e.name) + '</td><td class="wrap">' + esc(e.error) + '</td></tr>';
    }).join('');
    $('failures-empty').hidden = errors.length > 0;
    var badge = $('failures-badge');
    badge.hidden = errors.length === 0;
    badge.textContent = errors.length;
  }

  function renderWorkers(workers) {
    $('workers-table').tBodies[0].innerHTML = workers.map(function (w) {
      return '<tr><td>' + esc(w.id) + '</td><td>' + esc(w.state) + '</td><td>' + int(w.user_count) +
        '</td><td>' + dec(w.cpu_usage, 1) + ' %</td><td>' + (w.memory_usage / 1048576).toFixed(1) + ' MB</td></tr>';
    }).join('');
  }

  // ------------------------------------------------------------------ polling
  function pollStats() {
    return getJson('/stats/requests').then(function (r) {
      setState(r.state);
      $('user-count').textContent = int(r.user_count);
      $('total-rps').textContent = dec(r.total_rps, 1);
      var fr = (r.fail_ratio || 0) * 100;
      $('fail-ratio').textContent = (fr > 0 && fr < 10 ? fr.toFixed(1) : Math.round(fr)) + '%';
      $('fail-ratio').className = 'metric-value' + (fr > 0 ? ' bad' : '');
      if (r.workers) {
        $('workers-metric').hidden = false;
        $('workers-tab').hidden = false;
        $('worker-count').textContent = r.worker_count != null ? r.worker_count : r.workers.length;
        renderWorkers(r.workers);
      }
      lastStats = r.stats || [];
      renderStats();
      renderFailures(r.errors || []);
      if (r.state === 'spawning' || r.state === 'running') {
        var p = r.current_response_time_percentiles || {};
        charts.add({
          time: Date.now() / 1000, user_count: r.user_count, current_rps: r.total_rps,
          current_fail_per_sec: r.total_fail_per_sec,
          'response_time_percentile_0.5': p['response_time_percentile_0.5'],
          'response_time_percentile_0.95': p['response_time_percentile_0.95']
        });
      }
    }).catch(function () { /* keep polling */ });
  }

  function pollExceptions() {
    return getJson('/exceptions').then(function (r) {
      var rows = r.exceptions || [];
      $('exceptions-table').tBodies[0].innerHTML = rows.map(function (x) {
        return '<tr><td>' + int(x.count) + '</td><td class="wrap">' + esc(x.msg) + '</td><td><pre>' +
          esc(x.traceback) + '</pre></td><td>' + esc(x.nodes) + '</td></tr>';
      }).join('');
      $('exceptions-empty').hidden = rows.length > 0;
      $('exceptions-badge').hidden = rows.length === 0;
      $('exceptions-badge').textContent = rows.length;
    }).catch(function () {});
  }

  function tree(nodes) {
    var keys = Object.keys(nodes || {});
    if (!keys.length) return '';
    return '<ul class="tree">' + keys.map(function (k) {
      var n = nodes[k];
      return '<li><span class="ratio">' + (n.ratio * 100).toFixed(1) + '%</span> ' + esc(k) + tree(n.tasks) + '</li>';
    }).join('') + '</ul>';
  }
  function pollTasks() {
    return getJson('/tasks').then(function (r) {
      $('ratio-per-class').innerHTML = tree(r.per_class) || '<p class="empty">No users running.</p>';
      $('ratio-total').innerHTML = tree(r.total) || '<p class="empty">No users running.</p>';
    }).catch(function () {});
  }
  function pollLogs() {
    return getJson('/logs').then(function (r) {
      var html = '<div class="card"><h3>Master</h3><pre>' + esc((r.master || []).join('\n')) + '</pre></div>';
      Object.keys(r.workers || {}).forEach(function (w) {
        html += '<div class="card"><h3>' + esc(w) + '</h3><pre>' + esc(r.workers[w].join('\n')) + '</pre></div>';
      });
      $('logs').innerHTML = html;
    }).catch(function () {});
  }

  // ------------------------------------------------------------------ tabs
  function showTab(name) {
    activeTab = name;
    Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (t) {
      t.classList.toggle('active', t.getAttribute('data-tab') === name);
    });
    Array.prototype.forEach.call(document.querySelectorAll('.panel'), function (p) {
      p.classList.toggle('active', p.id === 'panel-' + name);
    });
    if (name === 'charts') { charts.resize(); charts.redraw(); }
    if (name === 'exceptions') pollExceptions();
    if (name === 'ratio') pollTasks();
    if (name === 'logs') pollLogs();
    if (history.replaceState) history.replaceState(null, '', '#' + name);
  }
  Array.prototype.forEach.call(document.querySelectorAll('.tab'), function (t) {
    t.addEventListener('click', function () { showTab(t.getAttribute('data-tab')); });
  });

  // ------------------------------------------------------------------ user class settings (WEB-30, WEB-14)
  var editedClass = null, editorOpener = null;
  function classUser(name) {
    var users = args.users || (args.users = {});
    return users[name] || (users[name] = { host: null, weight: 1, fixed_count: 0, tasks: [] });
  }
  function renderClassMeta(name) {
    var u = classUser(name);
    var parts = ['weight ' + u.weight];
    if (u.fixed_count) parts.push('fixed count ' + u.fixed_count);
    if (u.host) parts.push(u.host);
    Array.prototype.forEach.call(document.querySelectorAll('#user-class-options .class-row'), function (row) {
      if (row.getAttribute('data-class') === name) {
        row.querySelector('.class-meta').textContent = parts.join(' \u00b7 ');
      }
    });
  }
  function openClassEditor(name, opener) {
    var u = classUser(name);
    var all = (args.available_user_tasks || {})[name] || u.tasks || [];
    var kept = u.tasks && u.tasks.length ? u.tasks : all;
    editedClass = name;
    editorOpener = opener;
    $('class-editor-title').textContent = name + ' settings';
    $('class-editor-host').value = u.host || '';
    $('class-editor-weight').value = u.weight;
    $('class-editor-fixed-count').value = u.fixed_count;
    $('class-editor-tasks').innerHTML = all.map(function (t, i) {
      return '<label><input type="checkbox" id="class-editor-task-' + i + '" value="' + esc(t) + '"'
        + (kept.indexOf(t) >= 0 ? ' checked' : '') + '> ' + esc(t) + '</label>';
    }).join('');
    $('class-editor-error').hidden = true;
    $('class-editor-save').disabled = false;
    $('class-editor').showModal();
    $('class-editor-host').focus();
  }
  function showClassEditorError(message) {
    $('class-editor-error').textContent = message;
    $('class-editor-error').hidden = false;
  }
  $('class-editor-cancel').addEventListener('click', function () { $('class-editor').close(); });
  $('class-editor-form').addEventListener('input', function () { $('class-editor-error').hidden = true; });
  $('class-editor').addEventListener('close', function () {
    editedClass = null;
    if (editorOpener) editorOpener.focus();
  });
  $('class-editor-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var name = editedClass;
    if (name == null) return;
    var settings = {
      host: $('class-editor-host').value.trim() || null,
      weight: Number($('class-editor-weight').value),
      fixed_count: Number($('class-editor-fixed-count').value),
      tasks: Array.prototype.map.call(document.querySelectorAll('#class-editor-tasks input:checked'),
        function (c) { return c.value; })
    };
    var body = { user_class_name: name };
    Object.keys(settings).forEach(function (k) { body[k] = settings[k]; });
    $('class-editor-save').disabled = true;
    fetch(url('/user'), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { window.location.href = url('/login'); throw new Error('unauthorized'); }
      return r.json().catch(function () { return {}; }).then(function (j) {
        return { ok: r.ok, status: r.status, body: j };
      });
    }).then(function (res) {
      $('class-editor-save').disabled = false;
      if (!res.ok) { showClassEditorError(res.body.message || ('Error ' + res.status)); return; }
      args.users[name] = settings;
      renderClassMeta(name);
      $('class-editor').close();
    }).catch(function (e) {
      $('class-editor-save').disabled = false;
      showClassEditorError(String(e));
    });
  });

  // ------------------------------------------------------------------ forms and buttons
  $('start-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var params = new URLSearchParams();
    params.append('user_count', $('user_count').value);
    params.append('spawn_rate', $('spawn_rate').value);
    params.append('host', $('host').value);
    if ($('run_time').value) params.append('run_time', $('run_time').value);
    Array.prototype.forEach.call(document.querySelectorAll('#custom-option-fields [data-dest]'), function (f) {
      var dest = f.getAttribute('data-dest');
      if (f.multiple) {
        var chosen = Array.prototype.filter.call(f.options, function (o) { return o.selected; });
        if (!chosen.length) params.append(dest, '');
        chosen.forEach(function (o) { params.append(dest, o.value); });
      } else {
        params.append(dest, f.type === 'checkbox' ? String(f.checked) : f.value);
      }
    });
    if (args.show_userclass_picker) {
      Array.prototype.forEach.call(document.querySelectorAll('#user-class-options input:checked'), function (c) {
        params.append('user_classes', c.value);
      });
      params.append('shape_class', $('shape_class').value);
    }
    $('start-submit').disabled = true;
    postForm('/swarm', params).then(function (r) {
      $('start-submit').disabled = false;
      if (!r.success) { $('start-error').textContent = r.message; $('start-error').hidden = false; return; }
      $('start-modal').hidden = true;
      if (r.host) $('host-label').textContent = r.host;
      charts.clear();
      setState('spawning');
      showTab('stats');
      pollStats();
    }).catch(function (e) {
      $('start-submit').disabled = false;
      $('start-error').textContent = String(e); $('start-error').hidden = false;
    });
  });
  $('start-cancel').addEventListener('click', function () { $('start-modal').hidden = true; });

  $('btn-edit').addEventListener('click', function () {
    $('edit_user_count').value = $('user-count').textContent.replace(/,/g, '') || $('user_count').value;
    $('edit_spawn_rate').value = $('spawn_rate').value;
    $('edit-error').hidden = true;
    $('edit-modal').hidden = false;
    $('edit_user_count').focus();
  });
  $('edit-cancel').addEventListener('click', function () { $('edit-modal').hidden = true; });
  $('edit-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var params = new URLSearchParams();
    params.append('user_count', $('edit_user_count').value);
    params.append('spawn_rate', $('edit_spawn_rate').value);
    postForm('/swarm', params).then(function (r) {
      if (!r.success) { $('edit-error').textContent = r.message; $('edit-error').hidden = false; return; }
      $('edit-modal').hidden = true;
      pollStats();
    });
  });

  $('btn-stop').addEventListener('click', function () {
    getJson('/stop').then(function () { pollStats(); });
  });
  $('btn-reset').addEventListener('click', function () {
    fetch(url('/stats/reset'), { credentials: 'same-origin' }).then(function () {
      lastStats = []; renderStats(); pollStats(); pollExceptions();
    });
  });
  $('btn-new').addEventListener('click', showStart);
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape' && $('class-editor').open) return; // the dialog closes itself, the form stays
    if (ev.key === 'Escape') { $('edit-modal').hidden = true; if (state !== 'ready') $('start-modal').hidden = true; }
  });

  // ------------------------------------------------------------------ init
  $('user_count').value = args.num_users != null ? args.num_users : 1;
  $('spawn_rate').value = args.spawn_rate != null ? args.spawn_rate : 1;
  $('host').value = args.host || '';
  $('run_time').value = args.run_time || '';
  $('host-label').textContent = args.host || '';
  if (args.profile) { // --profile: the run's label, shown like Locust's UI does
    $('profile-label').textContent = 'Profile: ' + args.profile;
    $('profile-label').hidden = false;
    document.title = 'Locust - ' + args.profile;
  }
  $('btn-logout').hidden = !args.web_login;
  $('dl-history-item').hidden = !args.full_history_csv;
  (args.extra_downloads || []).forEach(function (d) {
    var li = document.createElement('li');
    li.innerHTML = '<a href="' + esc(url(d.url)) + '">' + esc(d.label) + '</a>';
    $('download-links').appendChild(li);
  });
  if (args.is_distributed) { $('workers-tab').hidden = false; $('workers-metric').hidden = false; }
  // CFG-04, WEB-30: the user code's custom options (Locust's extra_options), sent to /swarm by dest name
  var extra = args.extra_options || {};
  Object.keys(extra).forEach(function (dest) {
    var o = extra[dest];
    var id = 'custom_' + dest;
    var value = o.default_value == null ? '' : o.default_value;
    var label = document.createElement('label');
    var input;
    if (typeof o.default_value === 'boolean') {
      label.className = 'check';
      label.innerHTML = '<input type="checkbox" id="' + esc(id) + '" data-dest="' + esc(dest) + '"'
        + (o.default_value ? ' checked' : '') + '> ' + esc(dest);
    } else if (o.choices) {
      var chosen = o.is_multiple ? (o.default_value || []).map(String) : [String(value)];
      label.innerHTML = esc(dest) + '<select id="' + esc(id) + '" data-dest="' + esc(dest) + '"'
        + (o.is_multiple ? ' multiple' : '') + '>'
        + o.choices.map(function (c) {
          return '<option value="' + esc(c) + '"' + (chosen.indexOf(String(c)) >= 0 ? ' selected' : '') + '>'
            + esc(c) + '</option>';
        }).join('') + '</select>';
    } else {
      label.innerHTML = esc(dest) + '<input type="' + (o.is_secret ? 'password' : 'text') + '" id="' + esc(id)
        + '" data-dest="' + esc(dest) + '"' + (o.is_required ? ' required' : '') + '>';
    }
    if (o.help_text) label.title = o.help_text;
    $('custom-option-fields').appendChild(label);
    input = $(id);
    if (input.type !== 'checkbox' && !o.choices) input.value = String(value);
  });
  if (Object.keys(extra).length) $('custom-options').hidden = false;
  if (Object.keys(extra).some(function (d) { return extra[d].is_required; })) {
    $('custom-options').parentNode.open = true; // a required field must be visible for the form to submit
  }
  if (args.show_userclass_picker) {
    $('class-picker').hidden = false;
    // WEB-30: one row per class: pick it, see its weight / fixed count / host, open its settings (WEB-14)
    $('user-class-options').className = 'class-rows';
    $('user-class-options').innerHTML = (args.available_user_classes || []).map(function (c) {
      return '<div class="class-row" data-class="' + esc(c) + '">'
        + '<label><input type="checkbox" value="' + esc(c) + '" checked> ' + esc(c) + '</label>'
        + '<span class="class-meta"></span>'
        + '<button type="button" class="btn btn-ghost btn-small class-settings" data-class="' + esc(c) + '"'
        + ' aria-label="Settings of ' + esc(c) + '" title="Settings of ' + esc(c) + '">'
        + '<span aria-hidden="true">&#9881;</span> Settings</button></div>';
    }).join('');
    (args.available_user_classes || []).forEach(renderClassMeta);
    Array.prototype.forEach.call(document.querySelectorAll('#user-class-options .class-settings'), function (b) {
      b.addEventListener('click', function () { openClassEditor(b.getAttribute('data-class'), b); });
    });
    $('shape_class').innerHTML = (args.available_shape_classes || ['Default']).map(function (c) {
      return '<option value="' + esc(c) + '">' + esc(c) + '</option>';
    }).join('');
  }
  if (args.is_shape && !args.show_userclass_picker) {
    $('user_count').required = false; $('spawn_rate').required = false;
    $('user_count').disabled = true; $('spawn_rate').disabled = true;
  }
  charts = new LocustCharts.Dashboard($('charts'));
  charts.load(args.history || []);
  window.locustDashboard = { charts: charts, state: function () { return state; } };
  setState(state);
  if (state === 'ready') showStart();
  var hash = (window.location.hash || '').replace('#', '');
  if (hash && $('panel-' + hash)) showTab(hash);
  pollStats();
  pollExceptions();
  setInterval(pollStats, 2000);
  setInterval(function () {
    pollExceptions();
    if (activeTab === 'ratio') pollTasks();
    if (activeTab === 'logs') pollLogs();
  }, 5000);
})();
