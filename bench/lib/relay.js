// SPDX-License-Identifier: MIT
// Helpers for bench/run's relay benchmark (section 2). No dependencies beyond Node itself.
//
//   node bench/lib/relay.js wait-subscribers PORT N TIMEOUT_S
//       polls hookscope-relay's /healthz until it has N subscribers (exit 1 on timeout)
//   node bench/lib/relay.js healthz PORT [FIELD]
//       prints the relay's /healthz JSON, or only its FIELD (exit 1 when there is no answer
//       or no such field)
// /healthz shows its counts (subscribers, accepted, …) only to the admin token: it is sent
// as `Authorization: Bearer` when $HOOKSCOPE_RELAY_ADMIN_TOKEN is set (bench/run starts the
// relay with the same variable).
//   node bench/lib/relay.js stamp OUT
//       reads `hookscope listen --json` lines on stdin and writes "<event_id> <ms>" per line
//       to OUT, ms being the wall-clock time the line arrived (ms since the epoch, fractional)
//   node bench/lib/relay.js drain FILE EXPECTED STALL_S MAX_S
//       waits until FILE has EXPECTED lines, or has not grown for STALL_S, or MAX_S passed;
//       prints {"lines":N,"last_write_ms":mtime,"waited_ms":…}. Reads only what was appended
//       since the last poll, so it costs the measured processes next to nothing.
//   node bench/lib/relay.js latency SENT_LOG STAMPS
//       matches hookscope-bench-paced's --log (schedule) with the delivery stamps by eventId;
//       prints {"answered_2xx","delivered","missing","duplicates","latency_ms":{p50,p90,p99,max,mean}}.
//       Latency = delivered - due (the scheduled send time), so a stall anywhere shows.
//       Events answered 2xx but never delivered count as infinitely late (p99 becomes null
//       when more than 1 % are missing).
'use strict';
const fs = require('fs');
const http = require('http');
const { performance } = require('perf_hooks');

const [cmd, ...args] = process.argv.slice(2);
const wallMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function healthz(port) {
  return new Promise((resolve) => {
    const token = process.env.HOOKSCOPE_RELAY_ADMIN_TOKEN;
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', headers, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => { try { resolve(JSON.parse(body)); } catch (e) { resolve(null); } });
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => { req.destroy(); resolve(null); });
  });
}

async function waitSubscribers(port, n, timeoutS) {
  const end = Date.now() + timeoutS * 1000;
  while (Date.now() < end) {
    const h = await healthz(port);
    if (h && h.subscribers >= n) return 0;
    await sleep(50);
  }
  process.stderr.write(`relay.js: no ${n} subscriber(s) on port ${port} after ${timeoutS} s\n`);
  return 1;
}

function stamp(out) {
  const fd = fs.openSync(out, 'w');
  let rest = '';
  process.stdin.on('data', (chunk) => {
    const t = wallMs().toFixed(3);
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop();
    let text = '';
    for (const line of lines) {
      if (!line.trim()) continue;
      let id = '-';
      try { id = JSON.parse(line).event_id || '-'; } catch (e) { /* not JSON: still one event */ }
      text += `${id} ${t}\n`;
    }
    if (text) fs.writeSync(fd, text);
  });
  process.stdin.on('end', () => fs.closeSync(fd));
  return null;
}

async function drain(file, expected, stallS, maxS) {
  const start = Date.now();
  let offset = 0, lines = 0, lastGrowth = Date.now();
  const buf = Buffer.alloc(1 << 20);
  for (;;) {
    let grew = false;
    if (fs.existsSync(file)) {
      const fd = fs.openSync(file, 'r');
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, offset);
        if (n <= 0) break;
        for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
        offset += n;
        grew = true;
      }
      fs.closeSync(fd);
    }
    if (grew) lastGrowth = Date.now();
    const now = Date.now();
    if ((expected > 0 && lines >= expected) || now - lastGrowth > stallS * 1000 || now - start > maxS * 1000) break;
    await sleep(50);
  }
  const mtime = fs.existsSync(file) ? fs.statSync(file).mtimeMs : null;
  console.log(JSON.stringify({ lines, last_write_ms: mtime, waited_ms: Date.now() - start }));
  return 0;
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const rank = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return sorted[rank];
}

function latency(sentLog, stampsFile) {
  const sent = fs.readFileSync(sentLog, 'utf8').split('\n');
  const nonce = ((sent[0] || '').match(/^# nonce (\d+)/) || [])[1];
  if (!nonce) throw new Error(`${sentLog}: no "# nonce" line`);
  const due = new Map(); // seq -> due ms, for the requests the relay answered 2xx
  for (const line of sent.slice(1)) {
    const [seq, dueMs, , status] = line.split(' ');
    if (seq && +status >= 200 && +status < 300) due.set(+seq, +dueMs);
  }
  // eventId = "evt_" + zero-padded (nonce + seq), see bench/src/pacedclient.h
  const delivered = new Map();
  let duplicates = 0, foreign = 0;
  const text = fs.existsSync(stampsFile) ? fs.readFileSync(stampsFile, 'utf8') : '';
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [id, t] = line.split(' ');
    const digits = ((id || '').match(/^evt_0*(\d+)$/) || [])[1] || '';
    if (!digits.startsWith(nonce)) { foreign++; continue; }
    const seq = +digits.slice(nonce.length);
    if (delivered.has(seq)) { duplicates++; continue; }
    delivered.set(seq, +t);
  }
  const lat = [];
  let missing = 0;
  for (const [seq, d] of due) {
    if (delivered.has(seq)) lat.push(delivered.get(seq) - d);
    else missing++;
  }
  lat.sort((a, b) => a - b);
  const all = lat.concat(new Array(missing).fill(Infinity));
  const round = (v) => (v === null || !Number.isFinite(v) ? null : +v.toFixed(3));
  const result = {
    answered_2xx: due.size,
    delivered: lat.length,
    missing,
    duplicates,
    foreign,
    latency_ms: {
      p50: round(percentile(all, 50)),
      p90: round(percentile(all, 90)),
      p99: round(percentile(all, 99)),
      max: round(lat.length ? lat[lat.length - 1] : null),
      mean: round(lat.length ? lat.reduce((a, b) => a + b, 0) / lat.length : null),
    },
  };
  console.log(JSON.stringify(result));
  return 0;
}

(async () => {
  let code;
  switch (cmd) {
    case 'wait-subscribers': code = await waitSubscribers(+args[0], +args[1], +args[2]); break;
    case 'healthz': {
      const h = await healthz(+args[0]);
      const v = h && args[1] ? h[args[1]] : h;
      if (v !== null && v !== undefined) console.log(typeof v === 'object' ? JSON.stringify(v) : String(v));
      code = v !== null && v !== undefined ? 0 : 1;
      break;
    }
    case 'stamp': code = stamp(args[0]); break;
    case 'drain': code = await drain(args[0], +args[1], +args[2], +args[3]); break;
    case 'latency': code = latency(args[0], args[1]); break;
    default:
      process.stderr.write('usage: relay.js wait-subscribers|healthz|stamp|drain|latency …\n');
      code = 2;
  }
  if (code !== null) process.exitCode = code;
})().catch((e) => { process.stderr.write(`relay.js: ${e.stack || e}\n`); process.exitCode = 1; });
