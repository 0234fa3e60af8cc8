-- Shared by every load: count responses by status per thread and print one JSON line at the
-- end that bench/wrk.py reads. Load scripts run with bench/loads as the working directory.
-- Script arguments: a nonce new for every wrk run, then the load's own (in `extra`).
local threads = {}
local next_id = 0
statuses = {}
nonce = ""
extra = {}

function init(args)
  nonce = args[1] or ""
  for i = 2, #args do
    extra[i - 1] = args[i]
  end
end

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p99_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "statuses": {%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
end

-- A key no other request sends: the run's nonce, the thread's id, the request's number.
local sent = 0
function unique_key()
  sent = sent + 1
  return string.format("bench-%s-%d-%d", nonce, id or 0, sent)
end

-- Every other comment is short, as many readers' are (screening may treat short texts
-- differently: language detection, for one, loads more models for them).
function comment_text(key)
  if sent % 2 == 0 then
    return "Comment " .. key .. ". Well said, thank you."
  end
  return "Comment " .. key .. ". The council report on the water supply was late again, and " ..
    "the farmers near the river say the road to the market floods every rainy season. " ..
    "Will the minister answer the letter the village sent in June?"
end

function form_encode(fields)
  local parts = {}
  for _, pair in ipairs(fields) do
    local value = tostring(pair[2]):gsub("[^%w%-_%.~]", function(c)
      return string.format("%%%02X", string.byte(c))
    end)
    table.insert(parts, pair[1] .. "=" .. value)
  end
  return table.concat(parts, "&")
end
