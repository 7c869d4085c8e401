// Accounts page: one intraday P&L chart per account in the panel (at most data-max), with the day's high and low
// marked and named with their times. Times are UTC and numbers use one format whatever the browser's locale.
// Redrawn when the live panel is swapped in (app.js), at most every 5 s.
(function () {
  'use strict';
  var section = document.getElementById('pnl-charts');
  var panel = document.getElementById('panel');
  if (!section || !panel || !window.uPlot) { return; }
  var max = parseInt(section.dataset.max || '12', 10);
  var date = new URLSearchParams(window.location.search).get('date');
  var plots = {};
  var last = 0, timer = null;
  var number = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var axis = { stroke: '#8391a7', grid: { stroke: '#1b2436', width: 1 }, ticks: { stroke: '#243047', width: 1 } };

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function utc(seconds) {
    var d = new Date(seconds * 1000);
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC';
  }
  function money(v) { return (v > 0 ? '+' : '') + number.format(v); }
  function accounts() {
    return Array.prototype.map.call(panel.querySelectorAll('tr[data-account]'), function (r) { return r.dataset.account; }).slice(0, max);
  }
  function query() { return date ? '?date=' + encodeURIComponent(date) : ''; }

  function ensure(account) {
    if (plots[account]) { return plots[account]; }
    var box = document.createElement('figure');
    box.className = 'chart pnl-chart';
    box.dataset.account = account;
    var title = document.createElement('h3');
    title.textContent = account;
    var csv = document.createElement('a');
    csv.className = 'csv-download';
    csv.href = '/ui/export/accounts/' + encodeURIComponent(account) + '/pnl-history' + query();
    csv.setAttribute('download', '');
    csv.textContent = 'CSV';
    csv.setAttribute('aria-label', 'Download ' + account + ' P&L history as CSV');
    title.appendChild(csv);
    box.appendChild(title);
    var caption = document.createElement('figcaption');
    caption.className = 'pnl-extremes';
    caption.textContent = 'No P&L recorded yet today';
    section.appendChild(box);
    var plot = new uPlot({
      width: Math.max(280, box.clientWidth - 16), height: 140, legend: { show: false }, cursor: { show: true },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      // At least an hour wide, so a day with one or two points still shows clock times, not a range of years.
      scales: { x: { time: true, range: function (u, min, max) {
        if (min == null) { var now = Date.now() / 1000; return [now - 3600, now]; }
        var pad = Math.max(0, 3600 - (max - min)) / 2;
        return [min - pad, max + pad];
      } } },
      axes: [axis, Object.assign({ size: 80, values: function (u, vals) { return vals.map(function (v) { return number.format(v); }); } }, axis)],
      series: [
        {},
        { label: 'Day P&L', stroke: '#f5a524', width: 1.5, fill: 'rgba(245,165,36,0.08)' },
        { label: 'High', stroke: '#3ddc97', paths: function () { return null; }, points: { show: true, size: 9, fill: '#3ddc97' } },
        { label: 'Low', stroke: '#ff5d5d', paths: function () { return null; }, points: { show: true, size: 9, fill: '#ff5d5d' } }
      ]
    }, [[], [], [], []], box);
    box.appendChild(caption);
    plots[account] = { plot: plot, box: box, caption: caption };
    return plots[account];
  }

  function draw(chart, body) {
    var points = body ? body.points : [];
    var xs = points.map(function (p) { return Date.parse(p.at) / 1000; });
    var ys = points.map(function (p) { return p.day_pnl; });
    function mark(extreme) {
      return points.map(function (p) { return extreme && p.at === extreme.at && p.day_pnl === extreme.day_pnl ? p.day_pnl : null; });
    }
    chart.plot.setData([xs, ys, mark(body && body.high), mark(body && body.low)]);
    chart.box.dataset.points = String(points.length);
    if (body && body.high && body.low) {
      chart.caption.textContent = 'High ' + money(body.high.day_pnl) + ' at ' + utc(Date.parse(body.high.at) / 1000) +
        ' · Low ' + money(body.low.day_pnl) + ' at ' + utc(Date.parse(body.low.at) / 1000);
    }
  }

  function load() {
    last = Date.now();
    accounts().forEach(function (account) {
      var chart = ensure(account);
      fetch('/ui/pnl-history/' + encodeURIComponent(account) + query(), { cache: 'no-store' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { draw(chart, body); })
        .catch(function () { /* the next panel refresh retries */ });
    });
  }
  function schedule() {
    if (timer) { return; }
    timer = setTimeout(function () { timer = null; load(); }, Math.max(0, 5000 - (Date.now() - last)));
  }
  new MutationObserver(schedule).observe(panel, { childList: true });
  load();
})();
