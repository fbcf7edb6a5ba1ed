/** One section per stage kind: load charts, data profiles and drift, the chaos timeline. */
export const sectionsJs = String.raw`
function col(rows, key) { return rows.map(function (r) { return typeof r[key] === 'number' ? r[key] : null; }); }
function loadSection(box, stage) {
  var levels = VM.load.filter(function (l) { return l.stage === stage.name && l.target === stage.target; });
  if (levels.length === 0) return;
  levels.forEach(function (l) {
    var t = l.timeline.map(function (p) { return p.t; });
    var grid = el('div', 'charts');
    box.appendChild(el('h3', null, 'Level ' + l.label));
    box.appendChild(grid);
    lineChart(grid, 'TTFT percentiles over time', 'second', 'ms', t, [
      { label: 'TTFT p50', values: col(l.timeline, 'ttftP50') },
      { label: 'TTFT p99', values: col(l.timeline, 'ttftP99') }]);
    lineChart(grid, 'Throughput and in-flight', 'second', 'completed/s', t, [
      { label: 'completed/s', values: col(l.timeline, 'completed') },
      { label: 'errors/s', values: col(l.timeline, 'errors') },
      { label: 'in flight (max)', values: col(l.timeline, 'inFlightMax'), scale: 'y2' }], { y2Label: 'in flight' });
  });
  var grid = el('div', 'charts');
  box.appendChild(el('h3', null, 'Latency distributions (value at percentile)'));
  box.appendChild(grid);
  ['ttft', 'itl', 'e2e'].forEach(function (m) {
    var series = levels.filter(function (l) { return l.cdfs[m] && l.cdfs[m].length; })
      .map(function (l) { return { label: l.label, values: l.cdfs[m] }; });
    lineChart(grid, m.toUpperCase() + ' distribution', 'percentile', 'ms', VM.percentiles, series);
  });
  if (levels.length > 1) {
    var sorted = levels.slice().sort(function (a, b) { return a.requestsPerS - b.requestsPerS; });
    var st = function (k, p) { return sorted.map(function (l) { var s = l.stats[k]; return s && typeof s[p] === 'number' && isFinite(s[p]) ? s[p] : null; }); };
    var sweep = el('div', 'charts');
    box.appendChild(el('h3', null, 'Sweep: latency against throughput'));
    box.appendChild(sweep);
    lineChart(sweep, 'Latency against throughput', 'requests/s', 'ms', sorted.map(function (l) { return l.requestsPerS; }), [
      { label: 'e2e p50', values: st('e2e', 'p50') }, { label: 'e2e p95', values: st('e2e', 'p95') },
      { label: 'TTFT p95', values: st('ttft', 'p95') }]);
  }
}
function dataSection(box, stage) {
  VM.profiles.filter(function (p) { return p.stage === stage.name; }).forEach(function (p) {
    box.appendChild(el('h3', null, 'Profile of ' + p.table + (p.rows !== null ? ' (' + p.rows + ' rows)' : '')));
    var grid = el('div', 'charts');
    box.appendChild(grid);
    p.columns.forEach(function (c) {
      if (c.histogram && c.histogram.counts && c.histogram.counts.length) {
        var edges = c.histogram.edges;
        var mids = c.histogram.counts.map(function (_, i) { return (edges[i] + edges[i + 1]) / 2; });
        lineChart(grid, String(c.name), 'value', 'rows', mids, [{ label: 'rows', values: c.histogram.counts, bars: true }]);
      } else if (c.top && c.top.length) {
        var fig = chartBox(String(c.name) + ' (top values)');
        grid.appendChild(fig);
        var max = Math.max.apply(null, c.top.map(function (t) { return t.count; }));
        barsHtml(fig, c.top.map(function (t) { return { label: t.value, value: t.count }; }), max);
      }
    });
  });
  var drift = VM.drift.filter(function (d) { return d.score !== undefined; });
  if (drift.length) {
    box.appendChild(el('h3', null, 'Drift by column'));
    var max = Math.max.apply(null, drift.map(function (d) { return d.score; }).concat([1e-9]));
    barsHtml(box, drift.map(function (d) { return { label: d.drift + ' \u203a ' + d.column + ' (' + d.method + ')', value: d.score }; }), max);
  }
}
function chaosSection(box, stage) {
  VM.chaos.filter(function (c) { return c.stage === stage.name && c.target === stage.target; }).forEach(function (c) {
    var w = c.windows.filter(function (x) { return typeof x.start === 'number'; });
    if (!w.length) return;
    var x = [], p95 = [], err = [];
    w.forEach(function (win) {
      x.push(win.start / 1000);
      p95.push(win.e2eP95);
      err.push(win.requests ? win.errors / win.requests * 100 : null);
    });
    var last = w[w.length - 1];
    x.push(last.end / 1000); p95.push(last.e2eP95); err.push(err[err.length - 1]);
    var spans = w.filter(function (win) { return win.phase === 'fault'; }).map(function (win) { return { start: win.start, end: win.end, color: 'rgba(220,38,38,0.15)' }; })
      .concat(c.faults.map(function (f) { return { start: f.start, end: f.end, color: 'rgba(234,88,12,0.12)' }; }));
    var grid = el('div', 'charts');
    box.appendChild(el('h3', null, 'Timeline (shaded: fault windows)'));
    box.appendChild(grid);
    lineChart(grid, 'Windows: e2e p95 and error rate', 'second', 'ms', x, [
      { label: 'e2e p95', values: p95, step: true }, { label: 'errors %', values: err, scale: 'y2', step: true }], { y2Label: 'errors %', hooks: faultShading(spans) });
    // The stage's own table lists the windows; here only the faults, by name and when they were active.
    c.faults.forEach(function (f) { box.appendChild(el('p', 'muted', 'fault ' + f.name + ' (' + f.type + '): ' + ms(f.start) + ' \u2013 ' + ms(f.end))); });
  });
}
`;
