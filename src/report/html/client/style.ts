/** The page's stylesheet (inlined). */
export const styleCss = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;padding:0 24px 48px;color:#111;background:#fafafa}
h1{margin:0 0 4px;font-size:22px}h2{margin:28px 0 8px;font-size:18px}h3{font-size:15px;margin:18px 0 6px}
.banner{margin:0 -24px 16px;padding:16px 24px;color:#fff}.banner.pass{background:#15803d}.banner.fail{background:#b91c1c}
.banner.error{background:#7c2d12}.banner p{margin:4px 0}.banner .muted{color:#e5e7eb}.banner .warn{color:#fde68a}
.muted{color:#6b7280;font-weight:normal;font-size:13px}.warn{color:#b45309}.bad{color:#b91c1c}
table.grid{border-collapse:collapse;margin:6px 0;background:#fff;max-width:100%}
.grid th,.grid td{border:1px solid #e5e7eb;padding:3px 8px;text-align:left;vertical-align:top;white-space:pre-wrap;overflow-wrap:break-word;max-width:600px}
.grid th{background:#f3f4f6;white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:11px;font-weight:600;color:#fff;background:#6b7280;white-space:nowrap}
.badge.pass{background:#16a34a}.badge.fail{background:#dc2626}.badge.error{background:#7c2d12}
section.stage{border-top:2px solid #e5e7eb;margin-top:24px}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure.chart{margin:0;max-width:600px;background:#fff;border:1px solid #e5e7eb;padding:8px}
figcaption{font-weight:600;margin-bottom:4px}
.hbars{display:grid;gap:2px;min-width:320px;max-width:900px}.hbar{display:grid;grid-template-columns:minmax(120px,40%) 1fr 90px;gap:6px;align-items:center}
.hbar-label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.hbar-track{background:#eef2ff;height:12px;display:block}
.hbar-fill{background:#6366f1;height:12px;display:block}.hbar-fill.bad{background:#dc2626}.hbar-value{text-align:right}
.filters{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}.search{min-width:260px}.filters select{max-width:260px}
.viewport{position:relative;height:420px;overflow-y:auto;background:#fff;border:1px solid #e5e7eb}
.spacer{position:relative}
.vrow{position:absolute;left:0;right:0;height:28px;display:flex;gap:8px;align-items:center;padding:0 6px;border-bottom:1px solid #f3f4f6;cursor:pointer;box-sizing:border-box}
.vhead{position:static;font-weight:600;background:#f3f4f6;cursor:default}.vrow.selected{background:#e0e7ff}
.vrow span{overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.c-st{width:50px;flex:none}.c-id{width:200px;flex:none}.c-sc{width:60px;flex:none}.c-lat{width:70px;flex:none}.c-out{flex:1}
.detail{margin-top:10px}pre{background:#fff;border:1px solid #e5e7eb;padding:8px;white-space:pre-wrap;word-break:break-word;max-height:320px;overflow:auto}
ins{background:#dcfce7;text-decoration:none}del{background:#fee2e2}
`;
