// Writes the data files the suites in examples/data/ check, from fixed seeds, so every run of this script
// writes the same bytes: `node --import tsx examples/data/make-data.mjs` from the repository root (tsx
// runs the CLI from source to generate the LLM sets and mask the anonymised sample). The data are
// synthetic: the names, e-mail addresses and card numbers below are made up.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

/** mulberry32: a small seeded generator; the same seed gives the same sequence on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (r) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
/** Picks a value from `[[value, weight], ...]`. */
function pick(r, weighted) {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let u = r() * total;
  for (const [v, w] of weighted) {
    u -= w;
    if (u < 0) return v;
  }
  return weighted.at(-1)[0];
}
function shuffle(r, xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
const pad = (n, w) => String(n).padStart(w, '0');
function stamp(ms, sep = ' ') {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  return `${date}${sep}${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
}

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsv(file, columns, rows) {
  mkdirSync(path.dirname(file), { recursive: true });
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))];
  writeFileSync(file, `${lines.join('\n')}\n`);
}
/** JSONL with numbers written as given (strings in `raw` columns are written unquoted, e.g. "3.000000"). */
function writeJsonl(file, columns, rows, raw = []) {
  mkdirSync(path.dirname(file), { recursive: true });
  const line = (row) =>
    `{${columns.map((c) => `${JSON.stringify(c)}:${raw.includes(c) && row[c] !== null ? row[c] : JSON.stringify(row[c])}`).join(',')}}`;
  writeFileSync(file, `${rows.map(line).join('\n')}\n`);
}
const out = (...p) => path.join(HERE, ...p);

// ---------------------------------------------------------------------------------------------------
// Card transactions, the data of a fraud-detection model (the MLOps document's FraudDetectionModel).

const CATEGORIES = [
  ['grocery', 0.3],
  ['restaurants', 0.2],
  ['fuel', 0.15],
  ['electronics', 0.15],
  ['travel', 0.2],
];
const CHANNELS = [
  ['pos', 0.55],
  ['online', 0.35],
  ['atm', 0.1],
];
const CURRENCIES = [
  ['EUR', 0.6],
  ['USD', 0.25],
  ['GBP', 0.15],
];
const COUNTRIES = ['DE', 'FR', 'NL', 'ES', 'IT', 'GB', 'US'].map((c) => [c, 1]);
const CITIES = ['Berlin', 'Paris', 'Amsterdam', 'Madrid', 'Rome', 'London', 'New York'].map((c) => [c, 1]);
const JAN_1 = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function transaction(r, id, o = {}) {
  const amountShift = o.amountShift ?? 0;
  return {
    transaction_id: id,
    customer_id: `C${pad(1 + Math.floor(r() * 400), 4)}`,
    timestamp: stamp(JAN_1 + Math.floor(r() * 182 * DAY)),
    amount: round(clamp(Math.exp(3.6 + amountShift + normal(r)), 1, 5000), 2),
    currency: pick(r, CURRENCIES),
    merchant_category: pick(r, o.categories ?? CATEGORIES),
    channel: pick(r, o.channels ?? CHANNELS),
    country: pick(r, COUNTRIES),
    customer_age: Math.round(clamp(42 + 14 * normal(r), 18, 90)),
    device_id: `dev-${Math.floor(r() * 2 ** 32)
      .toString(16)
      .padStart(8, '0')}`,
    merchant_city: pick(r, CITIES),
    is_fraud: r() < 0.08 ? 1 : 0,
  };
}
const TX_COLUMNS = [
  'transaction_id',
  'customer_id',
  'timestamp',
  'amount',
  'currency',
  'merchant_category',
  'channel',
  'country',
  'customer_age',
  'device_id',
  'merchant_city',
  'is_fraud',
];

/** Empties `column` in the rows at `at` (the optional fields' planted gaps). */
function blank(rows, column, at) {
  for (const i of at) rows[i][column] = null;
  return rows;
}

function trainingData() {
  const r = rng(11);
  const all = Array.from({ length: 360 }, (_, i) => transaction(r, 500001 + i));
  const train = all.slice(0, 240);
  // Optional fields: 5 of 240 device ids (2.1%) and 9 merchant cities (3.75%) are missing.
  blank(train, 'device_id', [3, 41, 88, 150, 201]);
  blank(train, 'merchant_city', [7, 19, 60, 61, 99, 130, 177, 190, 236]);
  writeCsv(out('training-data/splits/train.csv'), TX_COLUMNS, train);
  writeCsv(out('training-data/splits/validation.csv'), TX_COLUMNS, all.slice(240, 300));
  writeCsv(out('training-data/splits/test.csv'), TX_COLUMNS, all.slice(300));

  // The golden set: 50 hand-checked transactions, 4 of them fraud, kept under version control.
  const g = rng(12);
  const golden = Array.from({ length: 50 }, (_, i) => ({
    ...transaction(g, 900001 + i),
    is_fraud: [5, 17, 29, 41].includes(i) ? 1 : 0,
  }));
  writeCsv(out('training-data/golden.csv'), TX_COLUMNS, golden);
}

/** Dispute notes from production: a 10% sample, masked by `gauntlet data pii --mask` before it is kept. */
function anonymisedSample() {
  const r = rng(13);
  const people = ['jane.doe', 'j.smith', 'a.kowalski', 'm.rossi', 'l.martin', 'p.schmidt'];
  const notes = [
    () =>
      `Customer ${pick(
        r,
        people.map((p) => [p, 1]),
      )}@example.com disputes a charge at a fuel station`,
    () => `Call back on +44 20 7946 ${pad(Math.floor(r() * 10000), 4)} about a duplicate payment`,
    () => 'Card 4111 1111 1111 1111 reported stolen, new card issued',
    () =>
      `Refund approved for order ${10000 + Math.floor(r() * 90000)}, amount ${round(5 + r() * 200, 2)} EUR`,
    () => 'Merchant confirmed the booking was cancelled; chargeback accepted',
    () => 'Customer does not recognise an online electronics purchase',
  ];
  const rows = Array.from({ length: 40 }, (_, i) => ({
    case_id: 7001 + i,
    opened: stamp(Date.UTC(2024, 5, 1) + Math.floor(r() * 30) * DAY).slice(0, 10),
    channel: pick(r, [
      ['phone', 2],
      ['email', 1],
      ['chat', 1],
    ]),
    note: notes[i % notes.length](),
  }));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-make-data-'));
  const raw = path.join(tmp, 'disputes.csv');
  writeCsv(raw, ['case_id', 'opened', 'channel', 'note'], rows);
  // The CLI exits 1 because the raw file holds PII; the masked copy is what it is run for.
  cli(['data', 'pii', raw, '--mask', out('training-data/anonymised-sample.csv')], [0, 1]);
  rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------
// The feature pipeline: raw events -> processed table -> features, each step a DuckDB query.

function rawEvents() {
  const r = rng(21);
  const spell = { grocery: ['Grocery', 'grocery', 'GROCERY '], travel: ['Travel', 'travel'] };
  const rows = Array.from({ length: 200 }, (_, i) => {
    const t = transaction(r, i + 1);
    const variants = spell[t.merchant_category] ?? [t.merchant_category];
    return {
      event_id: `evt-${pad(i + 1, 6)}`,
      customer_id: t.customer_id,
      event_time: t.timestamp.replace(' ', 'T'),
      amount: t.amount,
      merchant_category: variants[Math.floor(r() * variants.length)],
      channel: t.channel,
    };
  });
  // Three events without an amount and three refunds (negative): the processing step drops them.
  for (const i of [12, 77, 140]) rows[i].amount = null;
  for (const i of [30, 95, 181]) rows[i].amount = -rows[i].amount;
  const file = out('feature-pipeline/raw/transactions.csv');
  writeCsv(file, ['event_id', 'customer_id', 'event_time', 'amount', 'merchant_category', 'channel'], rows);
  return file;
}

const PROCESS_SQL = (raw) => `
  SELECT CAST(substr(event_id, 5) AS BIGINT) AS transaction_id, customer_id,
         CAST(event_time AS TIMESTAMP) AS event_time, CAST(amount AS DOUBLE) AS amount,
         lower(trim(merchant_category)) AS merchant_category, channel
  FROM read_csv('${raw}', all_varchar = true)
  WHERE amount IS NOT NULL AND CAST(amount AS DOUBLE) > 0
  ORDER BY transaction_id`;
const FEATURES_SQL = (processed) => `
  SELECT transaction_id,
         round(ln(amount), 6) AS amount_log,
         round((amount - avg(amount) OVER ()) / stddev_samp(amount) OVER (), 6) AS amount_zscore,
         CAST(hour(event_time) AS INTEGER) AS hour_of_day,
         CAST(dayofweek(event_time) IN (0, 6) AS INTEGER) AS is_weekend,
         CAST(channel = 'online' AS INTEGER) AS is_online,
         ${CATEGORIES.map(([c]) => `CAST(merchant_category = '${c}' AS INTEGER) AS cat_${c}`).join(',\n         ')}
  FROM read_parquet('${processed}')
  ORDER BY transaction_id`;

async function featurePipeline(db) {
  const raw = rawEvents();
  const processed = out('feature-pipeline/processed/transactions.parquet');
  const features = out('feature-pipeline/features/transactions.parquet');
  mkdirSync(path.dirname(processed), { recursive: true });
  mkdirSync(path.dirname(features), { recursive: true });
  await db.run(`COPY (${PROCESS_SQL(raw)}) TO '${processed}' (FORMAT parquet)`);
  await db.run(`COPY (${FEATURES_SQL(processed)}) TO '${features}' (FORMAT parquet)`);
  const r = await db.runAndReadAll(
    `SELECT avg(amount), stddev_samp(amount) FROM read_parquet('${processed}')`,
  );
  const [[mean, sd]] = r.getRows();
  return { mean, sd };
}

// ---------------------------------------------------------------------------------------------------
// One serving day: the requests the model received, the features it was given and the scores it gave.

function servingBatch(training) {
  const r = rng(31);
  const day = Date.UTC(2024, 6, 1);
  const rows = Array.from({ length: 150 }, (_, i) => {
    const t = transaction(r, i + 1);
    const at = day + Math.floor(r() * DAY);
    return {
      ...t,
      request_id: `req-${pad(i + 1, 5)}`,
      received_at: stamp(at, 'T'),
      hour: new Date(at).getUTCHours(),
    };
  });
  // Three requests (2%) arrived without a country: tolerated by the completeness limit of 95%.
  blank(rows, 'country', [14, 72, 133]);
  writeJsonl(
    out('serving-batch/requests-2024-07-01.jsonl'),
    ['request_id', 'received_at', 'customer_id', 'amount', 'merchant_category', 'channel', 'country'],
    rows,
  );
  // Serving computes the z-score with the training set's mean and standard deviation.
  const { mean, sd } = training;
  const features = rows.map((t, i) => ({
    transaction_id: 800001 + i,
    amount_log: Math.log(t.amount).toFixed(6),
    amount_zscore: ((t.amount - mean) / sd).toFixed(6),
    hour_of_day: t.hour,
    is_weekend: 0,
    is_online: t.channel === 'online' ? 1 : 0,
    ...Object.fromEntries(CATEGORIES.map(([c]) => [`cat_${c}`, t.merchant_category === c ? 1 : 0])),
  }));
  const featureColumns = Object.keys(features[0]);
  writeJsonl(out('serving-batch/features-2024-07-01.jsonl'), featureColumns, features, [
    'amount_log',
    'amount_zscore',
  ]);
  const outputs = rows.map((t) => {
    const score = round(1 / (1 + Math.exp(-(-3 + 0.4 * normal(r) + (t.amount > 300 ? 1.5 : 0)))), 4);
    return {
      request_id: t.request_id,
      score,
      decision: score >= 0.5 ? 'decline' : score >= 0.2 ? 'review' : 'approve',
    };
  });
  writeCsv(out('serving-batch/outputs-2024-07-01.csv'), ['request_id', 'score', 'decision'], outputs);
}

// ---------------------------------------------------------------------------------------------------
// Drift: the training set as reference, then eval, serving, two daily batches and a planted shift.

const DRIFT_COLUMNS = ['amount', 'customer_age', 'hour', 'merchant_category', 'channel'];
function driftRows(seed, n, o = {}) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const t = transaction(r, i + 1, o);
    // Card use follows the day: few payments at night.
    const hour = Math.round(clamp(14 + 4.5 * normal(r), 0, 23));
    return { ...t, hour };
  });
}
const SHIFTED_CATEGORIES = [
  ['grocery', 0.15],
  ['restaurants', 0.1],
  ['fuel', 0.1],
  ['electronics', 0.35],
  ['travel', 0.3],
];

/** Scores of the fraud model, with labels drawn from them (so the scores are calibrated). */
function scoreRows(seed, n, shift = 0) {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const score = round(1 / (1 + Math.exp(-(-2.4 + shift + 1.3 * normal(r)))), 4);
    return { transaction_id: i + 1, score, predicted: score >= 0.5 ? 1 : 0, label: r() < score ? 1 : 0 };
  });
}

async function drift(db) {
  mkdirSync(out('drift'), { recursive: true });
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-make-data-'));
  const parquet = async (name, rows) => {
    const csv = path.join(tmp, `${name}.csv`);
    writeCsv(csv, DRIFT_COLUMNS, rows);
    await db.run(
      `COPY (SELECT * FROM read_csv('${csv}')) TO '${out('drift', `${name}.parquet`)}' (FORMAT parquet)`,
    );
  };
  await parquet('reference', driftRows(41, 300));
  await parquet('eval', driftRows(42, 150));
  // Serving amounts run 5% higher than in training: a shift the tests should tolerate.
  await parquet('serving', driftRows(43, 200, { amountShift: 0.05 }));
  rmSync(tmp, { recursive: true, force: true });
  writeCsv(out('drift/batch-2024-07-01.csv'), DRIFT_COLUMNS, driftRows(44, 300));
  // The second day has a little more online traffic (40% instead of 35%).
  const moreOnline = [
    ['pos', 0.5],
    ['online', 0.4],
    ['atm', 0.1],
  ];
  writeCsv(out('drift/batch-2024-07-02.csv'), DRIFT_COLUMNS, driftRows(45, 300, { channels: moreOnline }));
  // Planted: amounts 2.7 times higher and a basket tilted to electronics and travel.
  writeCsv(
    out('drift/planted-current.csv'),
    DRIFT_COLUMNS,
    driftRows(46, 150, { amountShift: 1, categories: SHIFTED_CATEGORIES }),
  );
  const cols = ['transaction_id', 'score', 'predicted', 'label'];
  writeCsv(out('drift/predictions-reference.csv'), cols, scoreRows(47, 300));
  // Recent scores sit a little higher than at training time.
  writeCsv(out('drift/predictions-recent.csv'), cols, scoreRows(48, 200, 0.1));
}

// ---------------------------------------------------------------------------------------------------
// Predictions with exact calibration: in every cell, each score level gets round(n × score) positives.

/**
 * Rows for one group: `n` rows spread over `levels` ([score, weight] pairs) by largest remainder, each
 * level with round(count × score) positive labels; predicted = score >= 0.5.
 */
function calibratedRows(r, n, levels, extra) {
  const total = levels.reduce((s, [, w]) => s + w, 0);
  const exact = levels.map(([, w]) => (n * w) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  const missing = n - counts.reduce((s, c) => s + c, 0);
  for (let k = 0; k < missing; k++) counts[order[k][1]]++;
  const rows = [];
  levels.forEach(([score], i) => {
    const c = counts[i];
    const positives = Math.round(c * score);
    const labels = shuffle(r, [...Array(positives).fill(1), ...Array(c - positives).fill(0)]);
    for (const label of labels) {
      // A little spread around the level keeps the scores from looking like a lookup table.
      const s = round(clamp(score + (r() - 0.5) * 0.02, 0.001, 0.999), 3);
      rows.push({ ...extra, label, predicted: score >= 0.5 ? 1 : 0, score: s });
    }
  });
  return rows;
}

function fairness() {
  const r = rng(51);
  // Approval model: label 1 = the applicant repaid. Women are approved a little less often (54% against
  // 58%): a planted gap the 80% rule and the equal-opportunity ratio tolerate.
  const levels = {
    male: [
      [0.03, 0.12],
      [0.1, 0.12],
      [0.2, 0.1],
      [0.3, 0.08],
      [0.7, 0.08],
      [0.8, 0.12],
      [0.9, 0.16],
      [0.97, 0.22],
    ],
    female: [
      [0.03, 0.13],
      [0.1, 0.13],
      [0.2, 0.12],
      [0.3, 0.08],
      [0.7, 0.08],
      [0.8, 0.12],
      [0.9, 0.15],
      [0.97, 0.19],
    ],
  };
  const rows = [];
  for (const gender of ['female', 'male'])
    for (const [band, n] of [
      ['18-34', 70],
      ['35-54', 70],
      ['55+', 60],
    ])
      rows.push(...calibratedRows(r, n, levels[gender], { gender, age_band: band }));
  shuffle(r, rows).forEach((row, i) => {
    row.applicant_id = 3001 + i;
  });
  writeCsv(
    out('fairness/approvals.csv'),
    ['applicant_id', 'gender', 'age_band', 'label', 'predicted', 'score'],
    rows,
  );
}

/** Fraud model predictions by channel; `sharp` moves weight to the surest levels (training fits better). */
function fraudPredictions(seed, perChannel, sharp, extra = () => ({})) {
  const r = rng(seed);
  const levels = [
    [0.01, 0.4 + sharp],
    [0.03, 0.25],
    [0.08, 0.15],
    [0.2, 0.08 - sharp / 2],
    [0.4, 0.04 - sharp / 2],
    [0.6, 0.03],
    [0.8, 0.03],
    [0.95, 0.02 + sharp],
  ];
  const rows = [];
  for (const [channel, n] of perChannel) rows.push(...calibratedRows(r, n, levels, { channel }));
  return shuffle(r, rows).map((row, i) => ({ transaction_id: 600001 + i, ...row, ...extra(i) }));
}

function modelQuality() {
  const cols = ['transaction_id', 'channel', 'is_fraud', 'predicted', 'score'];
  const rename = (rows) => rows.map(({ label, ...rest }) => ({ ...rest, is_fraud: label }));
  const channels = [
    ['pos', 200],
    ['online', 150],
    ['atm', 50],
  ];
  writeCsv(out('model-quality/train-predictions.csv'), cols, rename(fraudPredictions(61, channels, 0.02)));
  writeCsv(out('model-quality/holdout-predictions.csv'), cols, rename(fraudPredictions(62, channels, 0)));
  // Three months after training, labelled once chargebacks came in (90 days).
  const months = ['2024-07', '2024-08', '2024-09'];
  const later = fraudPredictions(
    63,
    [
      ['pos', 150],
      ['online', 120],
      ['atm', 30],
    ],
    -0.01,
    (i) => ({ month: months[i % 3] }),
  );
  writeCsv(out('model-quality/2024-q3-predictions.csv'), ['month', ...cols], rename(later));
  // Regression: the loss a fraudulent transaction caused against the model's estimate of it.
  const r = rng(64);
  const losses = Array.from({ length: 200 }, (_, i) => {
    const loss = round(clamp(Math.exp(4 + 0.8 * normal(r)), 5, 4000), 2);
    return {
      case_id: 7001 + i,
      channel: pick(r, CHANNELS),
      loss,
      predicted_loss: round(Math.max(0, loss * (1 + 0.15 * normal(r))), 2),
    };
  });
  writeCsv(
    out('model-quality/loss-predictions.csv'),
    ['case_id', 'channel', 'loss', 'predicted_loss'],
    losses,
  );
}

// ---------------------------------------------------------------------------------------------------
// LLM datasets: the document's generated sets, plus hand-written eval and validation splits.

function cli(args, ok = [0]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/bin.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (!ok.includes(r.status ?? -1)) throw new Error(`gauntlet ${args.join(' ')}: ${r.stderr || r.stdout}`);
}

const EVAL = [
  ['How long should I rest a steak after grilling it?', 'About five minutes, so the juices settle.'],
  [
    'What does offside mean in football?',
    'An attacker is nearer the goal line than the second-last defender when the ball is played to them.',
  ],
  ['Which river flows through Budapest?', 'The Danube.'],
  [
    'How often should I water a cactus in winter?',
    'Rarely: about once a month, when the soil is completely dry.',
  ],
  [
    'Why do onions make people cry?',
    'Cutting them releases a gas that irritates the eyes and triggers tears.',
  ],
  ['What is the capital of Canada?', 'Ottawa.'],
  ['How many players does a volleyball team have on court?', 'Six.'],
  [
    'Can I freeze cooked rice?',
    'Yes: cool it quickly, freeze it within an hour and reheat it until steaming hot.',
  ],
  ['What is a haiku?', 'A three-line Japanese poem of five, seven and five syllables.'],
  ['Which planet has the most moons known today?', 'Saturn.'],
  [
    'How do I remove a red wine stain from cotton?',
    'Blot it, cover it with salt or baking soda, then wash it in cold water.',
  ],
  ['What is the longest bone in the human body?', 'The femur, the thigh bone.'],
];
const VALIDATION = [
  [
    'When should tomato seedlings be planted outside?',
    'After the last frost, once nights stay above ten degrees.',
  ],
  ['What does a referee show for a sending-off?', 'A red card.'],
  ['Which desert is the largest hot desert?', 'The Sahara.'],
  ['How do I keep basil fresh?', 'Trim the stems and keep it in a glass of water at room temperature.'],
  ['What language has the most native speakers?', 'Mandarin Chinese.'],
  ['How many strings does a standard guitar have?', 'Six.'],
  [
    'Why is the sea salty?',
    'Rivers carry dissolved minerals into it and evaporation leaves the salt behind.',
  ],
  ['What is a sonnet?', 'A fourteen-line poem with a fixed rhyme scheme.'],
  ['How long does it take to boil an egg hard?', 'About nine to twelve minutes in boiling water.'],
  ['Which city hosted the first modern Olympic Games?', 'Athens, in 1896.'],
  ['What makes bread rise?', 'Yeast ferments the sugars and releases carbon dioxide, which the dough traps.'],
  ['What is the smallest country in the world?', 'Vatican City.'],
];

function llmDatasets() {
  const dir = out('llm-datasets');
  mkdirSync(dir, { recursive: true });
  // The document's TestDataGenerator: 100 chat pairs, 50 instructions and 30 DPO triples with seed 42.
  cli([
    'data',
    'generate',
    '--format',
    'pairs',
    '--n',
    '100',
    '--seed',
    '42',
    '--out',
    path.join(dir, 'chat.jsonl'),
  ]);
  cli([
    'data',
    'generate',
    '--format',
    'instruction',
    '--n',
    '50',
    '--seed',
    '42',
    '--out',
    path.join(dir, 'instruction.jsonl'),
  ]);
  cli([
    'data',
    'generate',
    '--format',
    'preference',
    '--n',
    '30',
    '--seed',
    '42',
    '--out',
    path.join(dir, 'dpo.jsonl'),
  ]);
  const pairs = (xs) => `${xs.map(([input, output]) => JSON.stringify({ input, output })).join('\n')}\n`;
  writeFileSync(path.join(dir, 'eval.jsonl'), pairs(EVAL));
  writeFileSync(path.join(dir, 'validation.jsonl'), pairs(VALIDATION));
  // Conversations collected from a support chat in OpenAI's messages format. Line 23 was cut off when
  // it was exported: a planted problem, within the 5% of invalid samples this set tolerates.
  const r = rng(71);
  const topics = [
    'a late parcel',
    'a double charge',
    'a password reset',
    'a damaged item',
    'an address change',
  ];
  const lines = Array.from({ length: 40 }, (_, i) => {
    const topic = topics[i % topics.length];
    const order = 40000 + Math.floor(r() * 50000);
    return JSON.stringify({
      messages: [
        { role: 'system', content: 'You are the support assistant of an online shop.' },
        { role: 'user', content: `Hello, I need help with ${topic} on order ${order}.` },
        {
          role: 'assistant',
          content: `I am sorry about ${topic}. I have opened case ${order + i} and will update you within a day.`,
        },
      ],
    });
  });
  lines[22] = lines[22].slice(0, 120);
  writeFileSync(path.join(dir, 'collected.jsonl'), `${lines.join('\n')}\n`);
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
trainingData();
anonymisedSample();
servingBatch(await featurePipeline(db));
await drift(db);
fairness();
modelQuality();
llmDatasets();
db.closeSync();
instance.closeSync();
