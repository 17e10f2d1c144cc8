// SPDX-License-Identifier: MIT
// Reads the result files bench/run wrote into RESULTS_DIR, prints the table and, with
// --json FILE, writes everything (raw results + the table rows) as one JSON document.
//
//   node bench/lib/report.js RESULTS_DIR [--json FILE]
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
const jsonIndex = process.argv.indexOf('--json');
const jsonOut = jsonIndex > 0 ? process.argv[jsonIndex + 1] : null;

function read(name) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return null;
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!text) return null;
  try {
    if (name.endsWith('.jsonl'))
      return text.split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch (e) { return { parse_error: e.message, text: l }; } });
    return JSON.parse(text);
  } catch (e) {
    return { parse_error: e.message, text };
  }
}

const raw = {
  machine: read('machine.json'),
  config: read('config.json'),
  ingest: read('ingest.jsonl'),
  paced: read('paced.jsonl'),
  nginx: read('nginx.json'),
  relay: read('relay.json'),
  relay_accept: read('relay_accept.json'),
  generate: read('generate.json'),
  history: read('history.json'),
  history_word: read('history_word.json'),
  history_field: read('history_field.json'),
  export_all: read('export_all.json'),
  export_filtered: read('export_filtered.json'),
  live: read('live.json'),
  live_filtered: read('live_filtered.json'),
  suite: read('suite.json'),
};

// Best round per server (highest events/s); all rounds stay in the JSON.
function bestIngest(server) {
  const rounds = (raw.ingest || []).filter((r) => r.server === server && r.wrk && r.wrk.requests);
  if (!rounds.length) return null;
  const rate = (r) => r.wrk.requests / (r.wrk.duration_us / 1e6);
  const best = rounds.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  return {
    rate: rate(best),
    p50: best.wrk.latency_us.p50 / 1000,
    p99: best.wrk.latency_us.p99 / 1000,
    errors: best.wrk.errors,
    stored: best.stored,
    hwm_mb: best.hwm_kb / 1024,
    rounds: rounds.map(rate),
  };
}
const paced = (server) => ((raw.paced || []).find((p) => p.server === server) || {}).paced || null;

const rows = [];
const missing = (v) => v === null || v === undefined || Number.isNaN(v);
// kind: 'min' (value must be >= target), 'max' (value must be < target), null (no target)
function row(figure, value, unit, target, kind, peerName, peerValue, higherIsBetter, note) {
  let status = '—';
  if (missing(value)) status = 'not measured';
  else if (kind === 'min') status = value >= target ? 'met' : 'MISSED';
  else if (kind === 'max') status = value < target ? 'met' : 'MISSED';
  let ratio = null;
  if (peerValue && value) ratio = higherIsBetter ? value / peerValue : peerValue / value;
  rows.push({ figure, value, unit, target, kind, peer: peerName, peer_value: peerValue ?? null, ratio, status, note: note || '' });
}
// A figure compared with several peers at once, each with its own ratio and, optionally, a
// target ratio (`min_ratio`: ours/peer for throughput, peer/ours for latency, must be >= it),
// plus an optional absolute target (target/kind as in row()). The row's peer/peer_value/ratio
// are the first comparison's (as in row()); `comparisons` has them all, `targets` every
// target with its own status; `status` is MISSED when one is missed, met when all are met.
//   comps: [{ peer, short, value, min_ratio, reason }]
function multiRow(figure, value, unit, target, kind, comps, higherIsBetter, note) {
  const targets = [];
  if (kind) {
    targets.push({ what: `${kind === 'min' ? '≥' : '<'} ${fmt(target, unit)}`, target, kind,
      status: missing(value) ? 'not measured' : (kind === 'min' ? value >= target : value < target) ? 'met' : 'MISSED' });
  }
  const comparisons = comps.map((c) => {
    const ratio = !missing(value) && value && c.value ? (higherIsBetter ? value / c.value : c.value / value) : null;
    const out = { peer: c.peer, short: c.short, peer_value: c.value ?? null, ratio, min_ratio: c.min_ratio ?? null, reason: c.reason || null };
    if (c.min_ratio) {
      out.status = ratio === null ? 'not measured' : ratio >= c.min_ratio ? 'met' : 'MISSED';
      targets.push({ what: `≥ ${c.min_ratio.toFixed(1)}× ${c.short}`, min_ratio: c.min_ratio, against: c.short, ratio, status: out.status });
    }
    return out;
  });
  let status = '—';
  if (missing(value)) status = 'not measured';
  else if (targets.length) {
    const all = targets.map((t) => t.status);
    status = all.includes('MISSED') ? 'MISSED' : all.every((x) => x === 'met') ? 'met' : 'incomplete';
    if (targets.length > 1) status += ` (${targets.map((t) => `${t.what}: ${t.status}`).join('; ')})`;
  }
  const first = comparisons[0] || {};
  rows.push({ figure, value, unit, target: kind ? target : null, kind: kind || null, peer: first.peer || '', peer_value: first.peer_value ?? null,
    ratio: first.ratio ?? null, comparisons, targets, target_text: targets.map((t) => t.what).join(', ') || null, status, note: note || '' });
}

const node = bestIngest('node');
const nginx = bestIngest('nginx');
const listen = bestIngest('listen');
const gui = bestIngest('gui');
const nodeStream = bestIngest('node-stream');
const ng = raw.nginx || {};
// Why there is no nginx figure (not installed, or it did not answer).
const nginxError = [...(raw.ingest || []), ...(raw.paced || [])].find((r) => r.server === 'nginx' && r.error);
const nginxReason = ng.available === false ? `nginx not measured: ${ng.reason || 'not installed'}` : nginxError ? nginxError.error : null;
const nginxLabel = `nginx${ng.version ? ' ' + ng.version.replace('nginx/', '') : ''} \`return 200\``;
const nodeLabel = 'Node http + appendFileSync';
if (node || listen || gui || nginx) {
  const n = node ? node.rate : null, x = nginx ? nginx.rate : null;
  const vs = (minNode, minNginx) => [
    { peer: nodeLabel, short: 'Node', value: n, min_ratio: minNode },
    { peer: nginxLabel, short: 'nginx', value: x, min_ratio: minNginx, reason: nginxReason },
  ];
  const why = nginxReason ? `; ${nginxReason}` : '';
  multiRow('Durable ingest, `hookscope listen` (wrk -c8)', listen && listen.rate, 'events/s', null, null, vs(1.0, 0.8), true,
    'targets ≥ 1.0× the Node peer and ≥ 0.8× nginx, same run' + why);
  multiRow('Ingest with the GUI live table (offscreen)', gui && gui.rate, 'events/s', null, null, vs(0.8, null), true,
    'target ≥ 0.8× the Node peer; nginx for reference' + why);
  row('  ceiling reference: nginx `return 200` (wrk -c8)', x, 'events/s', null, null, '', null, true,
    nginx ? `${ng.package || ng.version || 'nginx'}, 1 worker, access log off; p99 ${nginx.p99.toFixed(2)} ms` : nginxReason || 'not run');
  const lat = [{ peer: 'Node', short: 'Node', value: node && node.p99 }, { peer: 'nginx', short: 'nginx', value: nginx && nginx.p99 }];
  multiRow('  request latency p99 under that load, listen', listen && listen.p99, 'ms', null, null, lat, false, 'wrk, closed loop');
  multiRow('  request latency p99 under that load, GUI', gui && gui.p99, 'ms', null, null, lat, false, 'wrk, closed loop');
  if (nodeStream)
    row('  (peer variant: Node write stream, acks before the write)', nodeStream.rate, 'events/s', null, null, '', null, true, 'weaker durability; for reference');
}
const pl = paced('listen'), pg = paced('gui'), pn = paced('node'), px = paced('nginx');
if (pl || pg) {
  const rate = (raw.config && raw.config.rate) || 1000;
  const p99 = (p) => (p && p.latency_ms ? p.latency_ms.p99 : null);
  const lat = [{ peer: 'Node', short: 'Node', value: p99(pn) }, { peer: 'nginx', short: 'nginx', value: p99(px), reason: nginxReason }];
  const nginxNote = px ? `; nginx p99 ${p99(px).toFixed(2)} ms (the floor of this client + loopback)` : nginxReason ? `; ${nginxReason}` : '';
  multiRow(`p99 request latency at ${rate} events/s, listen`, p99(pl), 'ms', 2, 'max', lat, false,
    'open loop, measured from the scheduled send time' + nginxNote);
  multiRow(`p99 request latency at ${rate} events/s, GUI`, p99(pg), 'ms', 3, 'max', lat, false, '');
}
const ra = raw.relay_accept;
if (ra && ra.status === 'measured') {
  const n0 = (v) => (missing(v) ? '?' : Math.round(v).toLocaleString('en-US'));
  row('`hookscope-relay` accept rate, one channel (wrk -c8, closed loop)', ra.posts_per_s, 'posts/s', 20000, 'min', '', null, true,
    `2xx answers ÷ ${ra.seconds} s: ${n0(ra.answered_2xx)} posts, ${ra.non_2xx} not 2xx; relay counted ${n0(ra.relay_accepted)}; ` +
    `no reader (all buffered, ${n0((ra.buffer_kb || 0) / 1024)} MB on disk); p99 ${ra.wrk ? (ra.wrk.latency_us.p99 / 1000).toFixed(2) : '?'} ms; ` +
    `limits lifted: ${(ra.relay_options || []).join(' ')}`);
} else if (ra) {
  row('`hookscope-relay` accept rate', null, 'posts/s', 20000, 'min', '', null, true, `${ra.status}: ${ra.error || ra.reason || ''}`);
}
const rl = raw.relay;
if (rl && rl.status === 'measured') {
  // Both paths through the same hookscope-relay; the peer is the real smee-client + the Node peer.
  const ours = rl.hookscope || {}, theirs = rl.smee || {};
  const available = rl.peer && rl.peer.available;
  const peerName = available ? `relay → smee-client ${rl.peer.smee_client} → Node` : 'relay → smee-client → Node: unavailable';
  const unavailable = available ? '' : `; peer not run: ${rl.peer && rl.peer.reason}`;
  const ok = (r) => (r && r.ok ? r : null);
  const n0 = (v) => (v === null || v === undefined ? '?' : Math.round(v).toLocaleString('en-US'));
  const ms = (v) => (v === null || v === undefined ? '?' : v.toFixed(1));
  const failed = (r) => (r && !r.ok ? ` (${r.path} failed: ${r.error})` : '');

  const ht = ok(ours.throughput), st = ok(theirs.throughput);
  const tNote = (r) => (r ? `${n0(r.delivered)}/${n0(r.accepted)} delivered, relay accepted ${n0(r.relay_accept_rate)}/s` : 'failed');
  row('Relay path throughput, relay → `hookscope listen` → store', ht && ht.rate, 'events/s', null, null, peerName,
    st && st.rate, true,
    `wrk -c${rl.connections} ${rl.duration_s} s; delivered ÷ (last delivery − first post); ours: ${tNote(ht)}` +
      (available ? `; peer: ${tNote(st)}` : '') + unavailable + failed(ours.throughput) + failed(theirs.throughput));

  const hl = ok(ours.latency), sl = ok(theirs.latency);
  const lat = (r) => (r && r.latency && r.latency.latency_ms) || {};
  const lNote = (r) => (r && r.latency ? `p50 ${ms(lat(r).p50)} ms, relay 2xx p99 ${ms(r.paced && r.paced.latency_ms.p99)} ms` +
      (r.latency.missing ? `, ${r.latency.missing} of ${r.latency.answered_2xx} not delivered` : '') : 'failed');
  row(`Relay path end-to-end p99 at ${rl.rate} events/s (post → stored)`, hl && lat(hl).p99, 'ms', null, null, peerName,
    sl && lat(sl).p99, false,
    `open loop, from the scheduled send; ours: ${lNote(hl)}` + (available ? `; peer: ${lNote(sl)}` : '') + unavailable +
      failed(ours.latency) + failed(theirs.latency));
} else if (rl) {
  row('Relay path', null, '', null, null, '', null, true, `${rl.status}: ${rl.reason}`);
}
const g = raw.generate;
if (g) row('Store write rate, EventStore::submit (generator)', g.store_rate, 'events/s', null, null, '', null, true,
  `${g.events} events, ${Math.round(g.db_mb)} MB database${g.fts ? ' with FTS5' : ''}`);
const h = raw.history;
const events = (h && h.events) || (g && g.events);
const label = events ? `${(events / 1e6).toFixed(events % 1e6 ? 1 : 0)}M` : '';
// The history targets: DESIGN §8's for the everyday store, issue #16's at a million events.
const million = events >= 1e6;
const T = million
  ? { window: 1000, glob: 100, word: 200, field: 1000, sort: 150, hwm: 350, export: 200, src: '#16' }
  : { window: 1500, glob: 150, word: 300, field: null, sort: null, hwm: 400, export: 100, src: '§8' };
const timeoutOf = (res, key) => (res && res.timeout && res.timeout.step.startsWith(key) ? `> ${res.timeout.budget_s} s (stopped)` : '');
// The longest GUI-thread stall of a step (the lateness of a 1 ms timer on the GUI thread,
// as in the live-UI run): a sub-row with the 16 ms target (one frame at 60 Hz).
const STALL_TARGET_MS = 16;
const stallRow = (what, value, note) =>
  row(`  longest GUI-thread stall ${what}`, value, 'ms', STALL_TARGET_MS, 'max', '', null, true, note || '');
const ms0 = (v) => (missing(v) ? '?' : `${Math.round(v)} ms`);
const ms1 = (v) => (missing(v) ? '?' : `${v.toFixed(1)} ms`);
if (h) {
  row(`Window shown, ${label} events (process start → first painted table)`, h.window_shown_ms, 'ms', T.window, 'max', '', null, true,
    h.phases_ms ? `store open ${Math.round(h.phases_ms.store_open)} ms, window ${Math.round(h.phases_ms.main_window)} ms, paint ${Math.round(h.phases_ms.show_to_paint)} ms` : timeoutOf(h, 'paint'));
  row('Every row loaded (process start → last chunk of the table\'s load)', h.all_rows_loaded_ms, 'ms', null, null, '', null, true,
    missing(h.all_rows_loaded_ms) ? timeoutOf(h, 'load') : `rows ${h.table_rows_mb} MB; VmRSS then ${h.rss_after_load_mb} MB`);
  stallRow('while loading (first paint → every row)', h.load_stall_ms, missing(h.all_rows_loaded_ms) ? timeoutOf(h, 'load') : '');
  row(`Type-glob filter \`${(h.glob && h.glob.filter) || 'ticket:*'}\``, h.glob && h.glob.ms, 'ms', T.glob, 'max', '', null, true,
    h.glob ? `${h.glob.rows} rows; clearing it ${Math.round(h.glob.clear_ms)} ms` : timeoutOf(h, 'glob'));
  stallRow('during it', h.glob && h.glob.stall_ms, h.glob ? `clearing it: ${ms1(h.glob.clear_stall_ms)}` : timeoutOf(h, 'glob'));
  const w = raw.history_word;
  row(`Full-text filter \`${(w && w.word && w.word.filter) || 'refund'}\``, w && w.word && w.word.ms, 'ms', T.word, 'max', '', null, true,
    w && w.word ? `${w.word.rows} rows` : timeoutOf(w, 'word'));
  stallRow('during it', w && w.word && w.word.stall_ms, w && w.word ? `clearing it: ${ms1(w.word.clear_stall_ms)}` : timeoutOf(w, 'word'));
  const f = raw.history_field;
  const fieldFilter = (f && f.field && f.field.filter) || 'payload.ticket.priorityName=Urgent';
  row(`Field filter \`${fieldFilter}\`, first use`, f && f.field && f.field.ms, 'ms', null, null, '', null, true,
    f && f.field ? `${f.field.rows} rows (no target: registers the path in the field index)` : timeoutOf(f, 'field'));
  stallRow('during it', f && f.field && f.field.stall_ms, f && f.field ? `clearing it: ${ms1(f.field.clear_stall_ms)}` : timeoutOf(f, 'field'));
  if (f && (f.field_2 || (f.timeout && f.timeout.step.startsWith('field_2')))) {
    row('  the same field filter, second use (same process)', f.field_2 && f.field_2.ms, 'ms', T.field, T.field ? 'max' : null, '', null, true,
      f.field_2 ? `${f.field_2.rows} rows; from the index once its back-fill has reached every row` : timeoutOf(f, 'field_2'));
    stallRow('during it', f.field_2 && f.field_2.stall_ms, f.field_2 ? `clearing it: ${ms1(f.field_2.clear_stall_ms)}` : timeoutOf(f, 'field_2'));
  }
  row('Sort by time (descending)', h.sort && h.sort.ms, 'ms', T.sort, T.sort ? 'max' : null, '', null, true, h.sort ? `back: ${ms0(h.sort.back_ms)}` : timeoutOf(h, 'sort'));
  stallRow('during it', h.sort && h.sort.stall_ms, h.sort ? `sorting back: ${ms1(h.sort.back_stall_ms)}` : timeoutOf(h, 'sort'));
  const sc = h.scroll;
  if (sc || timeoutOf(h, 'scroll')) {
    stallRow('scrolling top → bottom', sc && sc.stall_ms,
      sc ? `${sc.steps} moves of ${sc.rows_per_step} rows over ${sc.rows} rows in ${ms0(sc.ms)}; each → painted p50 ${ms1(sc.step_ms_p50)}, max ${ms1(sc.step_ms_max)}` +
        (sc.missed_paints ? `; ${sc.missed_paints} moves not painted` : '') : timeoutOf(h, 'scroll'));
  }
  const hwmLoaded = missing(h.hwm_after_load_mb) ? h.hwm_after_paint_mb : h.hwm_after_load_mb;
  row('Peak resident memory (VmHWM) with the table loaded', hwmLoaded, 'MB', T.hwm, 'max', '', null, true,
    `at first paint ${h.hwm_after_paint_mb ?? '?'} MB; at the end ${h.hwm_mb || '?'} MB` +
      (w && w.hwm_mb ? `; full-text process ${w.hwm_mb} MB` : '') + (f && f.hwm_mb ? `; field process ${f.hwm_mb} MB` : ''));
}
{
  const db = (h && !missing(h.db_mb) && h.db_mb) || (g && g.db_mb);
  if (db) row(`Store size on disk${label ? `, ${label} events` : ''} (events.db + WAL)`, db, 'MB', null, null, '', null, true,
    h && !missing(h.db_mb) ? 'as the history run opened it' + (g && g.db_mb ? `; after generating ${Math.round(g.db_mb)} MB` : '') : 'after generating');
}
for (const [key, name] of [['export_all', 'all rows'], ['export_filtered', 'filtered `ticket:*`']]) {
  const e = raw[key];
  if (e) row(`CSV export (\`hookscope export\`), ${name}`, e.exit === 0 ? e.mb_per_s : null, 'MB/s', T.export, 'min', '', null, true,
    `${(e.bytes / 1e6).toFixed(0)} MB, ${e.rows} rows in ${e.seconds} s${e.exit ? ` (exit ${e.exit})` : ''}`);
}
// The GUI thread's time per batch of new rows (model insert, proxy decision, view update).
const liveBatches = (r) => (r.insert_batch_ms && r.insert_batch_ms.n
  ? `; ${r.insert_batch_ms.n} row batches, each p99 ${ms1(r.insert_batch_ms.p99)}, max ${ms1(r.insert_batch_ms.max)}` : '');
const l = raw.live;
if (l && l.reply_to_model_ms) {
  row(`Live: 2xx → row in the model, p50 (${Math.round(l.target_rate)} events/s)`, l.reply_to_model_ms.p50, 'ms', null, null, '', null, true, '');
  row('Live: 2xx → row in the model, p99', l.reply_to_model_ms.p99, 'ms', 50, 'max', '', null, true, `${l.deliveries} deliveries, ${l.missing_rows} rows missing`);
  row('Live: receiver → visible row (request sent → painted), p99', l.sent_to_paint_ms.p99, 'ms', 50, 'max', '', null, true, '');
  row('Live: longest GUI-thread stall (1 ms probe lateness)', l.stall_ms.max, 'ms', null, null, '', null, true,
    `p99 ${l.stall_ms.p99.toFixed(2)} ms; idle ${l.idle_stall_ms.max.toFixed(2)} ms` + liveBatches(l));
}
// The same load with a filter in the table (bench/run --live-filter): every delivery still
// becomes a row in the model; the table shows the rows the filter accepts (shown_rows).
const lf = raw.live_filtered;
if (lf && lf.reply_to_model_ms) {
  // No filter key: a liveui built before --filter (it ignores the option) ran unfiltered.
  const ft = lf.filter ? `\`${lf.filter}\`` : '(none: rebuild hookscope-bench-liveui)';
  // Over the rows the table showed (none when the filter hid every row: not measured).
  const overShown = (st) => (st && st.n ? st : {});
  const shown = overShown(lf.reply_to_proxy_ms);
  const visible = overShown(lf.sent_to_proxy_paint_ms);
  row(`Live with filter ${ft}: 2xx → row in the model, p50 (${Math.round(lf.target_rate)} events/s)`, lf.reply_to_model_ms.p50, 'ms', null, null, '', null, true,
    `rows shown by the filter: p50 ${ms1(shown.p50)} (2xx → row in the table)`);
  row(`Live with filter ${ft}: 2xx → row in the model, p99`, lf.reply_to_model_ms.p99, 'ms', 50, 'max', '', null, true,
    `${lf.deliveries} deliveries, ${lf.missing_rows} rows missing; the table showed ${lf.shown_rows ?? '?'}, hid ${lf.hidden_rows ?? '?'}; ` +
      `shown rows: 2xx → row in the table p99 ${ms1(shown.p99)}` + (lf.filter_timed_out ? '; the filter was NOT applied within 30 s' : ''));
  row(`Live with filter ${ft}: receiver → visible row (request sent → painted), p99`, visible.p99, 'ms', 50, 'max', '', null, true,
    `the ${lf.shown_rows ?? '?'} rows the filter shows`);
  row(`Live with filter ${ft}: longest GUI-thread stall (1 ms probe lateness)`, lf.stall_ms.max, 'ms', null, null, '', null, true,
    `p99 ${lf.stall_ms.p99.toFixed(2)} ms; idle ${lf.idle_stall_ms.max.toFixed(2)} ms` + liveBatches(lf));
}

function fmt(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (unit === 'events/s' || unit === 'posts/s') return `${Math.round(v).toLocaleString('en-US')}/s`;
  if (unit === 'ms') return v >= 100 ? `${Math.round(v).toLocaleString('en-US')} ms` : `${v.toFixed(2)} ms`;
  if (unit === 'MB' || unit === 'MB/s') return `${v.toFixed(1)} ${unit}`;
  return String(v);
}
function fmtTarget(r) {
  if (r.target_text) return r.target_text;
  if (!r.kind || r.target === null) return '—';
  return `${r.kind === 'min' ? '≥' : '<'} ${fmt(r.target, r.unit)}`;
}

const m = raw.machine || {};
const lines = [];
lines.push(`Hookscope bench — ${m.date || ''} — ${m.nproc} cores, ${m.cpu}, ${m.ram_gb} GB RAM, kernel ${m.kernel}; ` +
  `Qt ${m.qt}, SQLite ${m.sqlite}, Node ${m.node}, ${m.wrk}` +
  (raw.nginx ? `, ${raw.nginx.available ? raw.nginx.version || 'nginx' : 'no nginx'}` : '') + `${m.quick ? ' — QUICK run' : ''}`);
const loadStart = (m.loadavg_start || [0])[0], loadEnd = ((raw.suite || {}).loadavg_end || [0])[0];
lines.push(`Load average (1 min) at start ${loadStart}, at end ${loadEnd}` +
  (Math.max(loadStart, loadEnd) > 0.5 * (m.nproc || 2) ? ' — WARNING: the machine was busy; absolute figures are pessimistic, ratios less so' : ''));
lines.push('');
lines.push('| figure | value | target | peer | ratio | status | notes |');
lines.push('|---|---|---|---|---|---|---|');
for (const r of rows) {
  let peer, ratio;
  if (r.comparisons) {
    peer = r.comparisons.map((c) => `${c.peer}: ${fmt(c.peer_value, r.unit)}`).join('; ');
    ratio = r.comparisons.map((c) => `${c.ratio ? c.ratio.toFixed(2) + '×' : '—'} ${c.short}`).join(', ');
  } else {
    peer = r.peer_value ? `${r.peer}: ${fmt(r.peer_value, r.unit)}` : (r.peer || '—');
    ratio = r.ratio ? r.ratio.toFixed(2) + '×' : '—';
  }
  lines.push(`| ${r.figure} | ${fmt(r.value, r.unit)} | ${fmtTarget(r)} | ${peer} | ${ratio} | ${r.status} | ${r.note} |`);
}
lines.push('');
lines.push('ratio: how many times better than the peer (throughput ours/peer, latency peer/ours); ' +
  'nginx `return 200` stores nothing: it is the ceiling of one HTTP hop on this machine, not a peer to beat.' +
  (raw.suite ? ` Suite time ${raw.suite.suite_seconds} s.` : ''));
console.log(lines.join('\n'));

if (jsonOut) {
  fs.writeFileSync(jsonOut, JSON.stringify({ table: rows, results: raw }, null, 2) + '\n');
  console.error(`bench: wrote ${jsonOut}`);
}
