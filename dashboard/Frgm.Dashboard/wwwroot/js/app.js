// FRGM dashboard page script: live panel refresh over SSE, sortable tables, keyboard navigation,
// alarm acknowledgement and the market charts. Plain JS, no build step; everything is served by the app.
(function () {
  'use strict';
  var panel = document.getElementById('panel');
  var live = document.getElementById('live');
  var clock = document.getElementById('clock');
  var page = document.body.dataset.page;
  var inFlight = false, pending = false;

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function tickClock() {
    var d = new Date();
    clock.textContent = pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC';
  }
  tickClock();
  setInterval(tickClock, 1000);

  // ---- live refresh: the server renders the panel; we only swap it in ----
  function refresh() {
    if (!panel || !panel.dataset.fragment) { return; }
    if (inFlight) { pending = true; return; }
    inFlight = true;
    fetch(panel.dataset.fragment, { headers: { 'X-FRGM-UI': '1' }, cache: 'no-store' })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var kept = keepState();
        panel.innerHTML = html;
        panel.dataset.updated = String(Date.now());
        restoreSorts();
        restoreState(kept);
      })
      .catch(function () { /* the next event retries */ })
      .then(function () {
        inFlight = false;
        if (pending) { pending = false; refresh(); }
      });
  }

  // ---- what a redraw must not lose: open <details>, typed input, the focused control ----
  // Elements are matched by a path of the stable attributes the server renders (row keys, ids, classes).
  function stablePath(el) {
    var parts = [];
    for (var n = el; n && n !== panel; n = n.parentElement) {
      var d = n.dataset || {};
      var id = n.id || d.key || d.alarm || d.account || d.ticker || d.order || d.trade || d.feed || d.ack || d.event || '';
      if (id || n.tagName === 'DETAILS' || n.tagName === 'INPUT' || n.tagName === 'SELECT' || n.tagName === 'TEXTAREA' || n.tagName === 'BUTTON') {
        parts.push(n.tagName + (id ? '#' + id : '') + (n.className ? '.' + String(n.className).split(' ')[0] : '') + (n.name ? '[' + n.name + ']' : ''));
      }
    }
    return parts.reverse().join('>');
  }
  function keepState() {
    var state = { open: {}, values: {}, focus: null };
    Array.prototype.forEach.call(panel.querySelectorAll('details[open]'), function (d) { state.open[stablePath(d)] = true; });
    Array.prototype.forEach.call(panel.querySelectorAll('input, select, textarea'), function (i) {
      state.values[stablePath(i)] = i.type === 'checkbox' || i.type === 'radio' ? { checked: i.checked } : { value: i.value };
    });
    if (document.activeElement && panel.contains(document.activeElement)) { state.focus = stablePath(document.activeElement); }
    return state;
  }
  function restoreState(state) {
    Array.prototype.forEach.call(panel.querySelectorAll('details'), function (d) { if (state.open[stablePath(d)]) { d.open = true; } });
    Array.prototype.forEach.call(panel.querySelectorAll('input, select, textarea'), function (i) {
      var v = state.values[stablePath(i)];
      if (!v) { return; }
      if ('checked' in v) { i.checked = v.checked; } else { i.value = v.value; }
    });
    if (state.focus) {
      var all = panel.querySelectorAll('a, button, input, select, textarea, summary, th[tabindex]');
      for (var k = 0; k < all.length; k++) { if (stablePath(all[k]) === state.focus) { all[k].focus(); break; } }
    }
  }

  var topics = panel ? (panel.dataset.topics || '').split(' ').filter(Boolean) : [];
  var source = new EventSource('/ui/stream');
  source.onopen = function () { live.textContent = 'LIVE'; live.className = 'live on'; };
  source.onerror = function () { live.textContent = 'OFFLINE'; live.className = 'live off'; };
  topics.forEach(function (topic) { source.addEventListener(topic, refresh); });
  // The server lost our place (Last-Event-ID too old, or another task): reload this page's data once.
  source.addEventListener('resync', refresh);
  window.addEventListener('beforeunload', function () { source.close(); });

  // ---- sortable tables (state kept per page and table across refreshes) ----
  function sortKey(table) {
    var tables = Array.prototype.slice.call(panel.querySelectorAll('table.sortable'));
    return 'frgm.sort.' + page + '.' + (table.dataset.account || tables.indexOf(table));
  }
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    if (!cell) { return numeric ? -Infinity : ''; }
    if (numeric) {
      var v = cell.dataset.v;
      return v === undefined || v === '' ? -Infinity : parseFloat(v);
    }
    return (cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent).toLowerCase();
  }
  function sortTable(table, index, dir) {
    var th = table.tHead.rows[0].children[index];
    if (!th) { return; }
    var numeric = th.dataset.sort === 'num';
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
      return (x < y ? -1 : x > y ? 1 : 0) * (dir === 'desc' ? -1 : 1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].children, function (h) { delete h.dataset.dir; h.removeAttribute('aria-sort'); });
    th.dataset.dir = dir;
    th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
  }
  function restoreSorts() {
    Array.prototype.forEach.call(panel.querySelectorAll('table.sortable'), function (table) {
      var saved = sessionStorage.getItem(sortKey(table));
      if (saved) {
        var parts = saved.split(':');
        sortTable(table, parseInt(parts[0], 10), parts[1]);
      }
    });
  }
  function onSortRequest(th) {
    var table = th.closest('table');
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';
    sortTable(table, index, dir);
    sessionStorage.setItem(sortKey(table), index + ':' + dir);
  }
  if (panel) {
    panel.addEventListener('click', function (e) {
      var th = e.target.closest('th[data-sort]');
      if (th) { onSortRequest(th); }
      var ack = e.target.closest('button[data-ack]');
      if (ack) { acknowledge(ack); }
    });
    panel.addEventListener('keydown', function (e) {
      var th = e.target.closest('th[data-sort]');
      if (th && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); onSortRequest(th); }
    });
    restoreSorts();
  }

  // ---- alarm acknowledgement ----
  var operator = document.getElementById('operator');
  if (operator) {
    operator.value = localStorage.getItem('frgm.operator') || '';
    operator.addEventListener('change', function () { localStorage.setItem('frgm.operator', operator.value.trim()); });
  }
  var comment = document.getElementById('ack-comment');
  function acknowledge(button) {
    var by = operator ? operator.value.trim() : '';
    var note = comment ? comment.value.trim() : '';
    if (!by) {
      if (operator) { operator.focus(); operator.placeholder = 'enter your name first'; }
      return;
    }
    localStorage.setItem('frgm.operator', by);
    button.disabled = true;
    button.textContent = 'Acknowledging…';
    fetch('/ui/alarms/' + encodeURIComponent(button.dataset.ack) + '/ack', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-FRGM-UI': '1' },
      body: JSON.stringify(note ? { by: by, comment: note } : { by: by })
    }).then(function (r) {
      if (!r.ok) { button.disabled = false; button.textContent = 'Retry acknowledge'; }
      else if (comment) { comment.value = ''; }
      refresh();
    });
  }

  // ---- keyboard: 1–8 pages, / filter, r refresh ----
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA'))) { return; }
    var link = document.querySelector('nav a[data-key="' + e.key + '"]');
    if (link) { e.preventDefault(); window.location.href = link.getAttribute('href'); return; }
    if (e.key === '/') {
      // The first free-text filter, never the date box: typing an account there gave ?date=MM1.
      var first = Array.prototype.filter.call(document.querySelectorAll('.filters input'), function (i) {
        return (i.type === 'text' || i.type === 'search') && i.name !== 'date' && !i.readOnly;
      })[0];
      if (first) { e.preventDefault(); first.focus(); }
    } else if (e.key === 'r') {
      refresh();
    }
  });

  // ---- market charts: 1-minute closes per ticker, refreshed on market events at most every 5 s ----
  var charts = document.getElementById('charts');
  if (charts && window.uPlot) {
    var plots = {};
    var lastChartLoad = 0, chartTimer = null;
    var css = getComputedStyle(document.documentElement);
    var axis = { stroke: '#8391a7', grid: { stroke: '#1b2436', width: 1 }, ticks: { stroke: '#243047', width: 1 } };
    function utcTimes(u, splits) {
      return splits.map(function (t) { var d = new Date(t * 1e3); return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()); });
    }
    // One number format whatever the locale: a dot for decimals, no grouping, as many decimals as the step needs.
    function plainNumber(v, decimals) { return Number(v.toFixed(decimals)).toString(); }
    function plainNumbers(u, splits, axisIdx, space, incr) {
      var step = String(Number((incr || 1).toPrecision(6)));
      var decimals = step.indexOf('e-') > 0 ? 8 : step.indexOf('.') < 0 ? 0 : Math.min(8, step.length - step.indexOf('.') - 1);
      return splits.map(function (v) { return v.toFixed(decimals); });
    }
    var measure = document.createElement('canvas').getContext('2d');
    // Wide enough for the longest label, so none is clipped (".08.275" for 6,108.275).
    function yAxisSize(u, values) {
      if (!values || !values.length) { return 50; }
      var font = u.axes[1].font;
      measure.font = Array.isArray(font) ? font[0] : (font || '12px sans-serif');
      var longest = values.reduce(function (w, v) { return Math.max(w, measure.measureText(String(v)).width); }, 0);
      // uPlot scales its axis font by the device pixel ratio; the size is in CSS pixels.
      return Math.ceil(longest / (window.devicePixelRatio || 1)) + 24;
    }
    function tickers() {
      return Array.prototype.map.call(panel.querySelectorAll('#prices tbody tr[data-ticker]'), function (r) { return r.dataset.ticker; });
    }
    function ensureChart(ticker) {
      if (plots[ticker]) { return plots[ticker]; }
      var box = document.createElement('div');
      box.className = 'chart';
      box.dataset.ticker = ticker;
      var title = document.createElement('h3');
      title.textContent = ticker;
      var span = document.createElement('span');
      span.textContent = '1-min close';
      title.appendChild(span);
      box.appendChild(title);
      charts.appendChild(box);
      var width = Math.max(280, box.clientWidth - 16);
      var plot = new uPlot({
        width: width, height: 130, legend: { show: false }, cursor: { show: true },
        scales: { x: { time: true } },
        // The page says times are UTC: never the browser's zone or locale (a Chicago/de-DE browser showed "3:28am", "124,5").
        tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); },
        axes: [Object.assign({ values: utcTimes }, axis), Object.assign({ values: plainNumbers, size: yAxisSize }, axis)],
        series: [{ value: function (u, v) { return v == null ? '' : utcTimes(u, [v])[0]; } },
          { stroke: css.getPropertyValue('--accent').trim() || '#f5a524', width: 1.5, fill: 'rgba(245,165,36,0.08)', value: function (u, v) { return v == null ? '' : plainNumber(v, 6); } }]
      }, [[], []], box);
      plots[ticker] = plot;
      return plot;
    }
    function loadCharts() {
      lastChartLoad = Date.now();
      tickers().forEach(function (ticker) {
        var plot = ensureChart(ticker);
        fetch('/ui/bars?ticker=' + encodeURIComponent(ticker), { cache: 'no-store' })
          .then(function (r) { return r.json(); })
          .then(function (bars) { plot.setData([bars.time, bars.close]); })
          .catch(function () { /* next market event retries */ });
      });
    }
    function scheduleCharts() {
      if (chartTimer) { return; }
      var wait = Math.max(0, 5000 - (Date.now() - lastChartLoad));
      chartTimer = setTimeout(function () { chartTimer = null; loadCharts(); }, wait);
    }
    source.addEventListener('market', scheduleCharts);
    loadCharts();
  }
})();
