/**
 * The compare page (a Comparison as tables) and the trends page (uPlot lines of pass rate, TTFT p95 and
 * tokens/s across a suite's runs, and the fired alerts). Browser code as text, text nodes only.
 */
export const analysisJs = String.raw`
function verdictBadge(v) { return el('span', 'badge v-' + v, String(v).toUpperCase()); }
function signed(v, d) { return isFinite(v) ? (v > 0 ? '+' : '') + v.toFixed(d) : '\u2014'; }
function cmpValue(m, v) { return m.unit === 'ms' ? (isFinite(v) ? v.toFixed(1) + ' ms' : '\u2014') : pct(v); }
function cmpDelta(m) {
  if (m.unit === 'ms') return signed(m.delta, 1) + ' ms [' + signed(m.low, 1) + ', ' + signed(m.high, 1) + ']';
  return signed(m.delta * 100, 1) + ' pts [' + signed(m.low * 100, 1) + ', ' + signed(m.high * 100, 1) + ']';
}
function pval(p) { return !isFinite(p) ? '\u2014' : p < 1e-4 ? '<0.0001' : p.toFixed(4); }
function comparePage(root, c) {
  var n = c.counts;
  var h = el('header', 'banner cmp v-' + c.verdict);
  h.appendChild(el('h1', null, ['Compare: ', String(c.verdict).toUpperCase()]));
  var p = el('p', null, ['current ', runLink(c.current.runId), ' (' + c.current.verdict + ') against base ', runLink(c.base.runId), ' (' + c.base.verdict + ')']);
  h.appendChild(p);
  h.appendChild(el('p', 'muted', n.regressed + ' regressed, ' + n.improved + ' improved, ' + n.unchanged + ' unchanged, ' + n.inconclusive +
    ' inconclusive (alpha ' + c.alpha + ', Holm-corrected)'));
  root.appendChild(h);
  root.appendChild(el('h2', null, 'Metrics'));
  if (!c.metrics.length) root.appendChild(el('p', 'muted', 'No comparable metrics: neither run has load histograms or eval cases in common.'));
  else {
    var t = el('table', 'grid compare');
    var head = el('tr');
    ['metric', 'test', 'base', 'current', 'delta [interval]', 'p95 base \u2192 current', 'n', 'adjusted p', 'verdict', 'note']
      .forEach(function (x) { head.appendChild(el('th', null, x)); });
    t.appendChild(el('thead', null, head));
    var body = el('tbody');
    c.metrics.forEach(function (m) {
      var tr = el('tr', 'v-' + m.verdict);
      tr.setAttribute('data-verdict', m.verdict);
      [[m.target, m.stage, m.level || '', m.metric].filter(Boolean).join(' '), m.test, cmpValue(m, m.base), cmpValue(m, m.current), cmpDelta(m),
        m.p95 ? m.p95.base.toFixed(1) + ' \u2192 ' + m.p95.current.toFixed(1) + ' ms' : '\u2014', m.n[0] + ' / ' + m.n[1], pval(m.adjustedP)]
        .forEach(function (x, i) { tr.appendChild(el('td', i >= 2 && i <= 7 ? 'num' : null, x)); });
      tr.appendChild(el('td', null, verdictBadge(m.verdict)));
      tr.appendChild(el('td', 'muted', m.note || ''));
      body.appendChild(tr);
    });
    t.appendChild(body);
    root.appendChild(t);
  }
  if (c.checks.length) {
    root.appendChild(el('h2', null, 'Checks that changed'));
    root.appendChild(table(['check', 'target', 'base', 'current'], c.checks.map(function (x) { return [x.id, x.target, x.base || '\u2014', x.current || '\u2014']; })));
  }
  if (c.unmatched.length) {
    root.appendChild(el('h2', null, 'Not compared'));
    var ul = el('ul');
    c.unmatched.forEach(function (u) { ul.appendChild(el('li', null, u)); });
    root.appendChild(ul);
  }
}
function lineChart(box, title, pts, key, scale, unit) {
  var xs = [], ys = [];
  pts.forEach(function (p, i) { xs.push(i + 1); ys.push(typeof p[key] === 'number' ? p[key] * scale : null); });
  var fig = el('figure', 'chart');
  fig.setAttribute('data-chart', key);
  fig.appendChild(el('figcaption', null, title));
  box.appendChild(fig);
  if (!ys.some(function (y) { return y !== null; })) { fig.appendChild(el('p', 'muted', 'not measured in these runs')); return; }
  new uPlot({
    width: 520, height: 220,
    scales: { x: { time: false } },
    axes: [{ label: 'run', values: function (u, vals) { return vals.map(function (v) { return Number.isInteger(v) ? '#' + v : ''; }); } },
      { label: unit, size: 60 }],
    series: [{ label: 'run', value: function (u, v) { var p = pts[v - 1]; return p ? '#' + v + ' ' + p.runId : '\u2014'; } },
      { label: title, stroke: '#4f46e5', width: 2, points: { size: 6 }, spanGaps: true }],
  }, [xs, ys], fig);
}
function trendsPage(root, d) {
  root.appendChild(el('h1', null, 'Trends'));
  var bar = el('div', 'filters');
  var sel = el('select', 'suite-filter');
  d.suites.forEach(function (s) { var o = el('option', null, s); o.value = s; o.selected = s === d.suite; sel.appendChild(o); });
  sel.addEventListener('change', function () { location.href = '/trends?suite=' + encodeURIComponent(sel.value); });
  bar.appendChild(el('label', null, ['suite ', sel]));
  bar.appendChild(el('span', 'muted', d.points.length + ' runs, oldest first'));
  root.appendChild(bar);
  if (!d.points.length) { root.appendChild(el('p', 'muted', 'No finished runs yet.')); return; }
  var box = el('div', 'charts');
  root.appendChild(box);
  lineChart(box, 'pass rate (%)', d.points, 'passRate', 100, '%');
  lineChart(box, 'TTFT p95 (ms)', d.points, 'ttftP95Ms', 1, 'ms');
  lineChart(box, 'output tokens/s', d.points, 'outputTokensPerS', 1, 'tokens/s');
  root.appendChild(el('h2', null, 'Alerts (' + d.alerts.length + ')'));
  var rules = el('p', 'muted', 'rules: ');
  d.rules.forEach(function (r, i) { if (i) rules.appendChild(document.createTextNode(' \u00b7 ')); rules.appendChild(el('code', null, r)); });
  root.appendChild(rules);
  if (!d.alerts.length) { root.appendChild(el('p', 'ok', 'No rule fired on these runs.')); return; }
  var t = el('table', 'grid alerts');
  var head = el('tr');
  ['run', 'started', 'rule', 'value', 'limit', 'what'].forEach(function (x) { head.appendChild(el('th', null, x)); });
  t.appendChild(el('thead', null, head));
  var body = el('tbody');
  d.alerts.forEach(function (a) {
    var tr = el('tr', 'alert');
    tr.appendChild(el('td', 'mono', runLink(a.runId)));
    tr.appendChild(el('td', null, a.startedAt || '\u2014'));
    tr.appendChild(el('td', null, el('code', null, a.rule)));
    tr.appendChild(el('td', 'num', a.value + ' ' + a.unit));
    tr.appendChild(el('td', 'num', a.limit + ' ' + a.unit));
    tr.appendChild(el('td', null, a.message));
    body.appendChild(tr);
  });
  t.appendChild(body);
  root.appendChild(t);
}
var VIEW = JSON.parse(document.getElementById('view-data').textContent);
var PAGES = { list: listPage, run: runPage, compare: comparePage, trends: trendsPage, error: function (root, d) {
  root.appendChild(el('h1', null, 'Not here'));
  root.appendChild(el('p', 'bad', d.message));
} };
try { PAGES[VIEW.page](document.getElementById('app'), VIEW.data); }
catch (e) { document.getElementById('app').appendChild(el('p', 'bad', 'could not draw this page: ' + e)); }
document.body.setAttribute('data-ready', '1');
`;
