/**
 * Page helpers. Every string from the run reaches the DOM through text nodes (`textContent`,
 * `createTextNode`), never through innerHTML, so model output shows as text and cannot run.
 */
export const domJs = String.raw`
function el(tag, cls, children) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (children !== undefined) append(e, children);
  return e;
}
function append(e, children) {
  if (!Array.isArray(children)) children = [children];
  for (var i = 0; i < children.length; i++) {
    var c = children[i];
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'object' && c.nodeType ? c : document.createTextNode(String(c)));
  }
  return e;
}
function fmt(v) {
  if (v === null || v === undefined) return '\u2014';
  if (typeof v === 'number') {
    if (!isFinite(v)) return String(v);
    return Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v * 100) / 100) : v.toPrecision(4).replace(/\.?0+$/, '');
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}
function ms(v) {
  if (typeof v !== 'number') return fmt(v);
  return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : Math.round(v) + ' ms';
}
function table(columns, rows, cellFn) {
  var t = el('table', 'grid');
  var head = el('tr');
  columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
  t.appendChild(el('thead', null, head));
  var body = el('tbody');
  rows.forEach(function (r) {
    var tr = el('tr');
    r.forEach(function (c, i) {
      var td = cellFn ? cellFn(c, i, r) : el('td', typeof c === 'number' ? 'num' : null, fmt(c));
      tr.appendChild(td);
    });
    body.appendChild(tr);
  });
  t.appendChild(body);
  return t;
}
function badge(status) {
  return el('span', 'badge ' + (['pass', 'fail', 'error', 'skip', 'skipped'].indexOf(status) >= 0 ? status : 'other'), String(status).toUpperCase());
}
`;
