/**
 * The eval case table: filters (status, assertion, tag), search, and only the visible rows in the DOM, so
 * 100k cases scroll as fast as 100. Row layout is cases.ts's caseRow.
 */
export const evalJs = String.raw`
var R = { stage: 0, target: 1, id: 2, suite: 3, pass: 4, score: 5, latency: 6, tags: 7, output: 8, prompt: 9, expected: 10, error: 11, asserts: 12, desc: 13, repeat: 14 };
var ROW_H = 28;
function loadCases() {
  var node = document.getElementById('gauntlet-cases');
  var b64 = node ? node.textContent.trim() : '';
  if (!b64) return Promise.resolve([]);
  var bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(b64);
  else { var bin = atob(b64); bytes = new Uint8Array(bin.length); for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i); }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text().then(JSON.parse);
}
function evalSection(box, stage, all) {
  var rows = all.filter(function (r) { return r[R.stage] === stage.name && r[R.target] === stage.target; });
  if (!rows.length) return;
  var types = {}, tags = {};
  rows.forEach(function (r) {
    r[R.asserts].forEach(function (a) { types[a[0]] = 1; });
    r[R.tags].forEach(function (t) { tags[t] = 1; });
  });
  var bar = el('div', 'filters');
  function select(label, options) {
    var s = el('select');
    s.setAttribute('aria-label', label);
    options.forEach(function (o) { var opt = el('option', null, o[1]); opt.value = o[0]; s.appendChild(opt); });
    bar.appendChild(s);
    return s;
  }
  var status = select('status', [['all', 'all cases'], ['fail', 'failed'], ['pass', 'passed']]);
  var assertSel = select('assertion', [['', 'any assertion']].concat(Object.keys(types).sort().reduce(function (acc, t) {
    return acc.concat([['fail:' + t, t + ' failed'], ['has:' + t, 'has ' + t]]); }, [])));
  var tagSel = select('tag', [['', 'any tag']].concat(Object.keys(tags).sort().map(function (t) { return [t, 'tag: ' + t]; })));
  var search = el('input', 'search');
  search.type = 'search';
  search.placeholder = 'search id, prompt, output, expected';
  bar.appendChild(search);
  var count = el('span', 'muted');
  bar.appendChild(count);
  box.appendChild(bar);
  var head = el('div', 'vrow vhead', [el('span', 'c-st', 'result'), el('span', 'c-id', 'case'), el('span', 'c-sc', 'score'), el('span', 'c-lat', 'latency'), el('span', 'c-out', 'output')]);
  box.appendChild(head);
  var view = el('div', 'viewport');
  var spacer = el('div', 'spacer');
  view.appendChild(spacer);
  box.appendChild(view);
  var detail = el('div', 'detail');
  box.appendChild(detail);
  var shown = rows, selected = null;
  function matches(r) {
    if (status.value === 'pass' && !r[R.pass]) return false;
    if (status.value === 'fail' && r[R.pass]) return false;
    var a = assertSel.value;
    if (a) {
      var kind = a.slice(0, 4), type = a.slice(5);
      if (!r[R.asserts].some(function (x) { return x[0] === type && (kind === 'has:' || !x[1]); })) return false;
    }
    if (tagSel.value && r[R.tags].indexOf(tagSel.value) < 0) return false;
    var q = search.value.trim().toLowerCase();
    if (q) {
      var hit = [R.id, R.output, R.prompt, R.expected, R.desc, R.suite].some(function (k) { return String(r[k]).toLowerCase().indexOf(q) >= 0; });
      if (!hit) return false;
    }
    return true;
  }
  function refilter() {
    shown = rows.filter(matches);
    count.textContent = shown.length + ' of ' + rows.length + ' cases';
    spacer.style.height = shown.length * ROW_H + 'px';
    view.scrollTop = 0;
    render();
  }
  var pending = false;
  function render() {
    pending = false;
    var first = Math.max(0, Math.floor(view.scrollTop / ROW_H) - 5);
    // Before the section is in the document its height is 0: draw for the CSS height then.
    var last = Math.min(shown.length, Math.ceil((view.scrollTop + (view.clientHeight || 420)) / ROW_H) + 5);
    while (spacer.firstChild) spacer.removeChild(spacer.firstChild);
    for (var i = first; i < last; i++) spacer.appendChild(rowNode(shown[i], i));
  }
  function rowNode(r, i) {
    var n = el('div', 'vrow' + (r === selected ? ' selected' : ''), [
      el('span', 'c-st', badge(r[R.pass] ? 'pass' : 'fail')), el('span', 'c-id', r[R.repeat] ? r[R.id] + ' (repeat ' + r[R.repeat] + ')' : r[R.id]),
      el('span', 'c-sc num', fmt(r[R.score])), el('span', 'c-lat num', ms(r[R.latency])),
      el('span', 'c-out', r[R.error] ? 'error: ' + r[R.error] : r[R.output])]);
    n.style.top = i * ROW_H + 'px';
    n.addEventListener('click', function () { selected = r; showDetail(detail, r); render(); });
    return n;
  }
  view.addEventListener('scroll', function () { if (!pending) { pending = true; requestAnimationFrame(render); } });
  [status, assertSel, tagSel].forEach(function (s) { s.addEventListener('change', refilter); });
  var timer = 0;
  search.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refilter, 150); });
  refilter();
}
function showDetail(box, r) {
  while (box.firstChild) box.removeChild(box.firstChild);
  box.appendChild(el('h4', null, [badge(r[R.pass] ? 'pass' : 'fail'), ' ', r[R.id], r[R.repeat] ? ' (repeat ' + r[R.repeat] + ')' : '', ' \u00b7 ', r[R.suite]]));
  if (r[R.desc]) box.appendChild(el('p', null, r[R.desc]));
  if (r[R.tags].length) box.appendChild(el('p', 'muted', 'tags: ' + r[R.tags].join(', ')));
  if (r[R.error]) box.appendChild(el('p', 'bad', 'error: ' + r[R.error]));
  box.appendChild(table(['assertion', 'result', 'reason'], r[R.asserts].map(function (a) { return [a[0], a[1] ? 'pass' : 'fail', a[2]]; }),
    function (c, i) { return i === 1 ? el('td', null, badge(c)) : el('td', null, fmt(c)); }));
  box.appendChild(el('h5', null, 'Prompt'));
  box.appendChild(el('pre', null, r[R.prompt]));
  if (r[R.expected]) {
    box.appendChild(el('h5', null, ['Expected against actual ', el('del', null, 'expected only'), ' ', el('ins', null, 'output only')]));
    box.appendChild(diffNode(r[R.expected], r[R.output]));
  } else {
    box.appendChild(el('h5', null, 'Output'));
    box.appendChild(el('pre', null, r[R.output]));
  }
}
function diffNode(a, b) {
  var x = a.split(/(\s+)/).slice(0, 1500), y = b.split(/(\s+)/).slice(0, 1500);
  var n = x.length, m = y.length, dp = new Array((n + 1) * (m + 1)).fill(0);
  for (var i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--)
    dp[i * (m + 1) + j] = x[i] === y[j] ? dp[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
  var pre = el('pre', 'diff');
  i = 0; j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { append(pre, x[i]); i++; j++; }
    else if (i < n && (j >= m || dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1])) { pre.appendChild(el('del', null, x[i])); i++; }
    else { pre.appendChild(el('ins', null, y[j])); j++; }
  }
  return pre;
}
`;
