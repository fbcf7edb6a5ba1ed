/** Charts drawn with uPlot (inlined): line charts, bars from pre-aggregated histograms, shaded fault windows. */
export const chartsJs = `
var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
function chartBox(title) {
  var box = el('figure', 'chart');
  box.appendChild(el('figcaption', null, title));
  return box;
}
function lineChart(parent, title, xLabel, yLabel, x, series, opts) {
  opts = opts || {};
  var box = chartBox(title);
  parent.appendChild(box);
  if (typeof uPlot === 'undefined' || x.length === 0) { box.appendChild(el('p', 'muted', 'no data')); return null; }
  var s = [{ label: xLabel }];
  var data = [x];
  series.forEach(function (sr, i) {
    s.push({ label: sr.label, stroke: PALETTE[i % PALETTE.length], width: 1.5, spanGaps: true,
      paths: sr.bars ? uPlot.paths.bars({ size: [0.9, 200] }) : sr.step ? uPlot.paths.stepped({ align: 1 }) : undefined, fill: sr.bars ? PALETTE[i % PALETTE.length] + '88' : undefined,
      scale: sr.scale || 'y', points: { show: x.length < 40 } });
    data.push(sr.values);
  });
  var axes = [{ label: xLabel }, { label: yLabel, scale: 'y' }];
  if (series.some(function (sr) { return sr.scale === 'y2'; })) axes.push({ label: opts.y2Label || '', scale: 'y2', side: 1, grid: { show: false } });
  var scales = { x: { time: false } };
  if (series.some(function (sr) { return sr.bars; })) {
    // Bars: counts from zero, and half a bin of room each side so the edge bars are whole.
    var half = x.length > 1 ? (x[1] - x[0]) / 2 : 0.5;
    scales.x.range = function (u, min, max) { return [min - half, max + half]; };
    scales.y = { range: function (u, min, max) { return [0, max * 1.05 || 1]; } };
  }
  var w = Math.max(320, Math.min(580, (parent.clientWidth || 580) - 24));
  return new uPlot({ width: w, height: 240, series: s, axes: axes, scales: scales, hooks: opts.hooks || {} }, data, box);
}
function barsHtml(parent, items, max) {
  var list = el('div', 'hbars');
  items.forEach(function (it) {
    var row = el('div', 'hbar');
    row.appendChild(el('span', 'hbar-label', it.label));
    var track = el('span', 'hbar-track');
    var fill = el('span', 'hbar-fill' + (it.bad ? ' bad' : ''));
    fill.style.width = (max > 0 ? Math.max(0, Math.min(1, it.value / max)) * 100 : 0) + '%';
    track.appendChild(fill);
    row.appendChild(track);
    row.appendChild(el('span', 'hbar-value', it.text !== undefined ? it.text : fmt(it.value)));
    list.appendChild(row);
  });
  parent.appendChild(list);
}
function faultShading(spans) {
  return { drawClear: [function (u) {
    var ctx = u.ctx;
    ctx.save();
    spans.forEach(function (f) {
      var x0 = u.valToPos(f.start / 1000, 'x', true), x1 = u.valToPos(f.end / 1000, 'x', true);
      ctx.fillStyle = f.color;
      ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
    });
    ctx.restore();
  }] };
}
`;
