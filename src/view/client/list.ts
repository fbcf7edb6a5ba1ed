/**
 * The run list (filter by suite, pick two runs and compare them) and the run detail (header and the stored
 * report in a sandboxed iframe). Browser code as text; every run value reaches the DOM as a text node.
 */
export const listJs = String.raw`
function runLink(id) { var a = el('a', null, id); a.setAttribute('href', '/runs/' + encodeURIComponent(id)); return a; }
function pct(v) { return typeof v === 'number' ? (Math.round(v * 1000) / 10) + '%' : '\u2014'; }
function who(r) { return [r.user, r.host].filter(Boolean).join('@') || '\u2014'; }
function commit(r) { return r.gitCommit ? r.gitCommit.slice(0, 10) + (r.gitDirty ? '+' : '') : '\u2014'; }
function counts(c) { return c ? c.pass + ' / ' + c.fail + ' / ' + c.error + ' / ' + c.skip : '\u2014'; }
function radio(name, id, checked, disabled) {
  var r = el('input');
  r.type = 'radio'; r.name = name; r.value = id; r.checked = checked; r.disabled = disabled;
  r.setAttribute('aria-label', name + ' ' + id);
  return el('td', 'pick', r);
}
function listPage(root, d) {
  root.appendChild(el('h1', null, 'Runs'));
  var bar = el('div', 'filters');
  var sel = el('select', 'suite-filter');
  sel.appendChild(el('option', null, 'all suites')).value = '';
  d.suites.forEach(function (s) { var o = el('option', null, s); o.value = s; o.selected = s === d.suite; sel.appendChild(o); });
  sel.addEventListener('change', function () {
    location.href = sel.value ? '/?suite=' + encodeURIComponent(sel.value) : '/';
  });
  bar.appendChild(el('label', null, ['suite ', sel]));
  root.appendChild(bar);
  if (!d.runs.length) {
    root.appendChild(el('p', 'muted', 'No runs in the history yet. Run a suite with gauntlet run, or index older runs with gauntlet runs reindex.'));
    return;
  }
  var form = el('form', 'compare-form');
  form.method = 'get'; form.action = '/compare';
  var live = d.runs.filter(function (r) { return !r.deleted; });
  var base = live[1] ? live[1].id : null, current = live[0] ? live[0].id : null;
  var t = el('table', 'grid runs');
  var head = el('tr');
  ['base', 'current', 'verdict', 'run', 'suite', 'started', 'duration', 'pass / fail / error / skip', 'pass rate', 'TTFT p95', 'tokens/s', 'commit', 'who']
    .forEach(function (c) { head.appendChild(el('th', null, c)); });
  t.appendChild(el('thead', null, head));
  var body = el('tbody');
  d.runs.forEach(function (r) {
    var tr = el('tr', r.deleted ? 'deleted' : null);
    tr.setAttribute('data-run', r.id);
    tr.appendChild(radio('base', r.id, r.id === base, r.deleted));
    tr.appendChild(radio('current', r.id, r.id === current, r.deleted));
    tr.appendChild(el('td', null, r.deleted ? el('span', 'badge other', 'DELETED') : badge(r.verdict)));
    tr.appendChild(el('td', 'mono', r.deleted ? r.id : runLink(r.id)));
    tr.appendChild(el('td', 'suite', r.suite));
    tr.appendChild(el('td', null, r.startedAt ? r.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : '\u2014'));
    tr.appendChild(el('td', 'num', ms(r.durationMs)));
    tr.appendChild(el('td', 'num', counts(r.counts)));
    tr.appendChild(el('td', 'num', pct(r.passRate)));
    tr.appendChild(el('td', 'num', typeof r.ttftP95Ms === 'number' ? ms(r.ttftP95Ms) : '\u2014'));
    tr.appendChild(el('td', 'num', fmt(r.outputTokensPerS)));
    tr.appendChild(el('td', 'mono', commit(r)));
    tr.appendChild(el('td', null, who(r)));
    body.appendChild(tr);
  });
  t.appendChild(body);
  form.appendChild(t);
  var btn = el('button', 'compare-button', 'Compare base \u2192 current');
  btn.type = 'submit';
  form.appendChild(el('p', null, btn));
  root.appendChild(form);
}
function runPage(root, d) {
  var r = d.row;
  var h = el('header', 'banner ' + (r.deleted ? 'error' : r.verdict));
  h.appendChild(el('h1', null, [r.deleted ? 'DELETED' : String(r.verdict).toUpperCase(), ' \u00b7 ', r.suite]));
  h.appendChild(el('p', 'muted', ['run ', r.id, ' \u00b7 started ', r.startedAt || '\u2014', ' \u00b7 ', ms(r.durationMs),
    ' \u00b7 commit ', commit(r), ' \u00b7 by ', who(r)]));
  h.appendChild(el('p', null, ['checks pass / fail / error / skip: ', counts(r.counts), ' \u00b7 pass rate ', pct(r.passRate),
    ' \u00b7 TTFT p95 ', typeof r.ttftP95Ms === 'number' ? ms(r.ttftP95Ms) : '\u2014', ' \u00b7 tokens/s ', fmt(r.outputTokensPerS)]));
  (d.entry.targets || []).forEach(function (t) { h.appendChild(el('p', 'muted', ['target ', t.name, ': ', t.url, t.model ? ' (' + t.model + ')' : ''])); });
  root.appendChild(h);
  var links = el('p', 'links');
  if (d.previousId) {
    var c = el('a', 'compare-previous', 'Compare with the previous run of this suite');
    c.setAttribute('href', '/compare?base=' + encodeURIComponent(d.previousId) + '&current=' + encodeURIComponent(r.id));
    links.appendChild(c);
    links.appendChild(document.createTextNode(' \u00b7 '));
  }
  var tr = el('a', null, 'Trends of this suite');
  tr.setAttribute('href', '/trends?suite=' + encodeURIComponent(r.suite));
  links.appendChild(tr);
  root.appendChild(links);
  if (!d.hasReport) {
    root.appendChild(el('p', 'warn', d.entry.deleted ? 'This run was deleted on ' + d.entry.deleted.at + ' by ' + d.entry.deleted.by + '; only its index entry remains.'
      : 'This run has no stored summary (it crashed before the end), so there is no report.'));
    return;
  }
  var f = el('iframe', 'report');
  // The report runs its own scripts in an opaque origin: it can neither read the viewer nor use its cookie.
  f.setAttribute('sandbox', 'allow-scripts');
  f.setAttribute('title', 'report of run ' + r.id);
  f.setAttribute('src', '/runs/' + encodeURIComponent(r.id) + '/report');
  root.appendChild(f);
}
`;
