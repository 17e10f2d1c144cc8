-- SPDX-License-Identifier: MIT
-- wrk script: POSTs the fixture bodies given after `--`, rotating, each with a fresh eventId
-- of the same length (a real sender never repeats one, and a repeat costs the store a
-- different path). Prints one JSON line from done() for bench/run to read.
--
--   wrk -t1 -c8 -d10s --latency -s bench/lua/post.lua http://127.0.0.1:PORT/ -- a.json b.json
--
-- Each request is a fully formatted string built once per request: the cost is the same for
-- every server under test.

local bodies = {}   -- { {pre=..., idlen=..., post=...} | {whole=...} }
local counter = 0
local nonce = ""

local function load(path)
  local f = assert(io.open(path, "rb"))
  local b = f:read("*a")
  f:close()
  -- "eventId": "evt_XXXX": keep the "evt_" prefix, replace the rest with a unique tail.
  local s, e = b:find('"eventId"%s*:%s*"evt_')
  if s then
    local close = b:find('"', e + 1, true)
    return { pre = b:sub(1, e), idlen = close - e - 1, post = b:sub(close) }
  end
  return { whole = b }
end

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  nonce = string.format("%06d", math.random(0, 999999))
  for _, path in ipairs(args) do
    bodies[#bodies + 1] = load(path)
  end
  assert(#bodies > 0, "post.lua: give fixture files after --")
end

local headers = { ["Content-Type"] = "application/json", ["User-Agent"] = "Thena-Webhooks/1.0 (bench)" }

function request()
  counter = counter + 1
  local b = bodies[(counter % #bodies) + 1]
  local body
  if b.whole then
    body = b.whole
  else
    local tail = nonce .. string.format("%020d", counter)
    if #tail > b.idlen then tail = tail:sub(#tail - b.idlen + 1) end
    if #tail < b.idlen then tail = string.rep("0", b.idlen - #tail) .. tail end
    body = b.pre .. tail .. b.post
  end
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
end
