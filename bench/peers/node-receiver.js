// SPDX-License-Identifier: MIT
// The peer: the webhook receiver a developer would write in a few lines of Node.js. It
// parses each body as JSON (400 when it does not parse) and appends it to a file, one line
// per event, before answering.
//
//   node bench/peers/node-receiver.js PORT FILE [sync|stream] [STAMPS]
//
// sync   (default) fs.appendFileSync: the event is in the OS before the 200, the same
//        guarantee as Hookscope's commit in WAL mode with synchronous=NORMAL (survives a
//        crash or kill of the process, not a power cut).
// stream a shared fs.createWriteStream: answers before the write reached the OS (faster,
//        weaker: a crash can lose acknowledged events). Reported for transparency only.
// STAMPS (benchmark instrumentation, the relay benchmark): also note "<eventId> <ms>" per
// stored event, the wall-clock time once it was written (ms since the epoch, fractional),
// kept in memory and written to STAMPS when the process is stopped.
'use strict';
const http = require('http');
const fs = require('fs');
const { performance } = require('perf_hooks');

const port = Number(process.argv[2] || 9000);
const file = process.argv[3] || 'events.jsonl';
const mode = process.argv[4] || 'sync';
const stampsFile = process.argv[5] || null;
const stream = mode === 'stream' ? fs.createWriteStream(file, { flags: 'a' }) : null;
let stored = 0;
const stamps = [];
const eventIdPattern = /"eventId"\s*:\s*"([^"]*)"/;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = JSON.parse(body);
    } catch (e) {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: e.message }));
      return;
    }
    const line = body + '\n'; // the exact bytes (cheaper than re-serialising `event`)
    if (stream) stream.write(line);
    else fs.appendFileSync(file, line);
    stored += 1;
    if (stampsFile) {
      const m = eventIdPattern.exec(body);
      stamps.push(`${m ? m[1] : '-'} ${(performance.timeOrigin + performance.now()).toFixed(3)}`);
    }
    const reply = JSON.stringify({ ok: true, id: stored });
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(reply) });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => process.stderr.write(`node peer listening on ${port} (${mode})\n`));
const stop = () => {
  process.stderr.write(`Stopped; ${stored} events stored.\n`);
  if (stampsFile) fs.writeFileSync(stampsFile, stamps.join('\n') + (stamps.length ? '\n' : ''));
  if (stream) stream.end(() => process.exit(0));
  else process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
