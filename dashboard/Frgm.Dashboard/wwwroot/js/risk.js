// Risk page: expand/collapse of the risk tree. The open rows are kept (per tab) in sessionStorage and re-applied
// whenever app.js swaps in a refreshed panel, so a live refresh never closes what the trader opened.
(function () {
  'use strict';
  var panel = document.getElementById('panel');
  if (!panel) { return; }
  var KEY = 'frgm.risk.expanded';

  function load() {
    try { return new Set(JSON.parse(sessionStorage.getItem(KEY) || '[]')); } catch (e) { return new Set(); }
  }
  function save(open) { sessionStorage.setItem(KEY, JSON.stringify(Array.from(open))); }

  function rows() { return Array.prototype.slice.call(panel.querySelectorAll('.risk-tree tr[data-path]')); }

  // A row is visible when every ancestor is expanded; rows come in tree order, so one pass suffices.
  function apply(open) {
    var visible = {};
    rows().forEach(function (row) {
      var path = row.dataset.path, parent = row.dataset.parent;
      var shown = parent === undefined || (visible[parent] === true && open.has(parent));
      row.hidden = !shown;
      visible[path] = shown;
      if (row.hasAttribute('aria-expanded')) {
        var expanded = open.has(path);
        row.setAttribute('aria-expanded', expanded ? 'true' : 'false');
        var button = row.querySelector('.risk-toggle');
        if (button) {
          button.textContent = expanded ? '▾' : '▸';
          button.setAttribute('aria-label', (expanded ? 'Collapse ' : 'Expand ') + path.split('\u001f').pop());
        }
      }
    });
  }

  panel.addEventListener('click', function (e) {
    var target = e.target;
    var open = load();
    if (target.closest('.risk-expand-all')) {
      rows().forEach(function (row) { if (row.hasAttribute('aria-expanded')) { open.add(row.dataset.path); } });
    } else if (target.closest('.risk-collapse-all')) {
      open.clear();
    } else {
      var button = target.closest('.risk-toggle');
      if (!button) { return; }
      var path = button.closest('tr').dataset.path;
      if (open.has(path)) { open.delete(path); } else { open.add(path); }
    }
    save(open);
    apply(open);
  });

  new MutationObserver(function () { apply(load()); }).observe(panel, { childList: true });
  apply(load());
})();
