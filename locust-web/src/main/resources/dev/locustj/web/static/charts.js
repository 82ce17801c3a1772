/* Charts of the dashboard and of the HTML report (WEB-33, OUT-45), drawn with uPlot. No build step. */
(function (global) {
  'use strict';
  var COLORS = { rps: '#10b981', fail: '#ef4444', p50: '#6366f1', p95: '#f59e0b', users: '#0ea5e9' };
  var MAX_POINTS = 5000;

  function fmt(v) {
    if (v == null || isNaN(v)) return '-';
    return Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 100) / 100).toString();
  }

  function pad(n) { return n < 10 ? '0' + n : '' + n; }
  function clock(ts) {
    var d = new Date(ts * 1000);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function Chart(parent, title, series) {
    var wrap = document.createElement('div');
    wrap.className = 'chart';
    var h = document.createElement('h3');
    h.textContent = title;
    var body = document.createElement('div');
    body.className = 'chart-body';
    wrap.appendChild(h);
    wrap.appendChild(body);
    parent.appendChild(wrap);
    this.wrap = wrap;
    this.body = body;
    this.data = [[]].concat(series.map(function () { return []; }));
    this.height = 250;
    var opts = {
      width: this.width(),
      height: this.height,
      scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
      series: [{}].concat(series.map(function (s) {
        return {
          label: s.label, stroke: s.color, width: 2, spanGaps: true, points: { show: false },
          fill: s.fill ? s.color + '22' : undefined,
          value: function (u, v) { return fmt(v); }
        };
      })),
      axes: [
        { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, space: 70,
          incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400],
          values: function (u, splits) { return splits.map(clock); } },
        { stroke: '#64748b', grid: { stroke: '#eef2f7' }, ticks: { stroke: '#e2e8f0' }, size: 56,
          values: function (u, vals) { return vals.map(fmt); } }
      ],
      legend: { live: false },
      cursor: { drag: { x: true, y: false } }
    };
    this.plot = new uPlot(opts, this.data, body);
    var self = this;
    if (global.ResizeObserver) {
      new ResizeObserver(function () { self.resize(); }).observe(body);
    }
    global.addEventListener('resize', function () { self.resize(); });
  }
  Chart.prototype.width = function () {
    var w = this.body.clientWidth || (this.body.parentNode && this.body.parentNode.clientWidth) || 0;
    return w > 0 ? w : Math.max(320, (global.innerWidth || 1000) - 90);
  };
  Chart.prototype.resize = function () {
    var w = this.body.clientWidth;
    if (w > 0 && Math.abs(w - this.plot.width) > 1) this.plot.setSize({ width: w, height: this.height });
  };
  Chart.prototype.push = function (t, values) {
    this.data[0].push(t);
    for (var i = 0; i < values.length; i++) this.data[i + 1].push(values[i]);
    if (this.data[0].length > MAX_POINTS) this.data.forEach(function (a) { a.shift(); });
  };
  Chart.prototype.clear = function () { this.data.forEach(function (a) { a.length = 0; }); this.redraw(); };
  Chart.prototype.redraw = function () { this.plot.setData(this.data); };

  function Dashboard(parent) {
    this.rps = new Chart(parent, 'Total Requests per Second',
      [{ label: 'RPS', color: COLORS.rps, fill: true }, { label: 'Failures/s', color: COLORS.fail }]);
    this.rt = new Chart(parent, 'Response Times (ms)',
      [{ label: 'Median Response Time', color: COLORS.p50 }, { label: '95% percentile', color: COLORS.p95 }]);
    this.users = new Chart(parent, 'Number of Users', [{ label: 'Users', color: COLORS.users, fill: true }]);
  }
  /** Adds one sample: {time, current_rps, current_fail_per_sec, response_time_percentile_0.5/0.95, user_count}. */
  Dashboard.prototype.add = function (p, redraw) {
    var t = p.time;
    this.rps.push(t, [p.current_rps, p.current_fail_per_sec]);
    this.rt.push(t, [p['response_time_percentile_0.5'], p['response_time_percentile_0.95']]);
    this.users.push(t, [p.user_count]);
    if (redraw !== false) this.redraw();
  };
  Dashboard.prototype.load = function (history) {
    for (var i = 0; i < history.length; i++) this.add(history[i], false);
    this.redraw();
  };
  Dashboard.prototype.redraw = function () { this.rps.redraw(); this.rt.redraw(); this.users.redraw(); };
  Dashboard.prototype.clear = function () { this.rps.clear(); this.rt.clear(); this.users.clear(); };
  Dashboard.prototype.points = function () { return this.rps.data[0].length; };
  Dashboard.prototype.resize = function () { this.rps.resize(); this.rt.resize(); this.users.resize(); };

  global.LocustCharts = {
    Dashboard: Dashboard,
    renderReport: function (el, history) {
      var d = new Dashboard(el);
      d.load(history || []);
      return d;
    }
  };
})(window);
