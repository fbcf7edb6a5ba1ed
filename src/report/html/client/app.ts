/** The page itself: verdict banner, gates, stages overview, then one section per stage; marks itself ready. */
export const appJs = String.raw`
var VM = JSON.parse(document.getElementById('gauntlet-data').textContent);
function banner(s) {
  var b = el('header', 'banner ' + s.verdict);
  b.appendChild(el('h1', null, [s.verdict.toUpperCase(), ' \u00b7 ', s.suite.name || s.suite.file]));
  b.appendChild(el('p', null, s.headline));
  b.appendChild(el('p', 'muted', 'run ' + s.runId + ' \u00b7 started ' + s.startedAt + ' \u00b7 ' + ms(s.durationMs) + ' \u00b7 exit ' + s.exitCode));
  if (!s.complete) b.appendChild(el('p', 'warn', 'Incomplete run: ' + (s.incompleteReason || 'stopped before the end')));
  if (s.error) b.appendChild(el('p', 'warn', s.error.code + ': ' + s.error.message));
  return b;
}
function statusCell(c, i, cols) { return cols.indexOf(i) >= 0 ? el('td', null, badge(c)) : el('td', typeof c === 'number' ? 'num' : null, fmt(c)); }
function stageSection(stage, cases) {
  var box = el('section', 'stage');
  box.appendChild(el('h2', null, [badge(stage.status), ' ', stage.name, ' ', el('span', 'muted', stage.kind + ' \u00b7 ' + stage.target + ' \u00b7 ' + ms(stage.durationMs))]));
  if (stage.error) box.appendChild(el('p', 'bad', stage.error));
  try {
    if (stage.kind === 'load') loadSection(box, stage);
    if (stage.kind === 'data') dataSection(box, stage);
    if (stage.kind === 'chaos') chaosSection(box, stage);
    if (stage.kind === 'eval') evalSection(box, stage, cases);
  } catch (e) { box.appendChild(el('p', 'bad', 'could not draw this section: ' + e)); }
  VM.summary.tables.filter(function (t) { return t.stage === stage.name && t.target === stage.target; }).forEach(function (t) {
    box.appendChild(el('h3', null, t.title));
    box.appendChild(table(t.columns, t.rows));
    (t.notes || []).forEach(function (n) { box.appendChild(el('p', 'warn', n)); });
  });
  var checks = VM.summary.checks.filter(function (c) { return c.stage === stage.name && c.target === stage.target; });
  if (checks.length) {
    var d = el('details', null, el('summary', null, 'Checks (' + checks.length + ')'));
    d.open = checks.some(function (c) { return c.status === 'fail' || c.status === 'error'; });
    d.appendChild(table(['result', 'check', 'priority', 'message'], checks.map(function (c) { return [c.status, c.name, c.priority || '', c.message]; }),
      function (c, i) { return statusCell(c, i, [0]); }));
    box.appendChild(d);
  }
  return box;
}
function main(cases) {
  var s = VM.summary, root = document.getElementById('app');
  root.appendChild(banner(s));
  if (s.gates.length) {
    root.appendChild(el('h2', null, 'Gates'));
    root.appendChild(table(['metric', 'target', 'threshold', 'observed', 'result', 'message'],
      s.gates.map(function (g) { return [g.metric, g.target || '', g.threshold, g.observed, g.status, g.message]; }),
      function (c, i) { return statusCell(c, i, [4]); }));
  }
  root.appendChild(el('h2', null, 'Stages'));
  root.appendChild(table(['stage', 'kind', 'target', 'status', 'passed', 'failed', 'errors', 'skipped', 'duration'],
    s.stages.map(function (st) { return [st.name, st.kind, st.target, st.status, st.counts.pass, st.counts.fail, st.counts.error, st.counts.skip, ms(st.durationMs)]; }),
    function (c, i) { return statusCell(c, i, [3]); }));
  s.stages.forEach(function (st) { root.appendChild(stageSection(st, cases)); });
  document.body.setAttribute('data-ready', '1');
}
loadCases().then(main, function (e) {
  document.getElementById('app').appendChild(el('p', 'bad', 'could not read the eval cases: ' + e));
  main([]);
});
`;
