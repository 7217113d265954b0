-- wrk script of bench/bench_mock.py (make bench-mock): one request, repeated on every connection.
--   wrk -s bench/mock.lua URL -- METHOD AUTHORIZATION [JSON_BODY]
-- done() prints one line "BENCH-MOCK {json}" with the counts and latency percentiles (us).

local request_bytes

function init(args)
  local headers = { ["Authorization"] = args[2] }
  local body = args[3]
  if body ~= nil and body ~= "" then
    headers["Content-Type"] = "application/json"
  else
    body = nil
  end
  request_bytes = wrk.format(args[1], nil, headers, body)
end

function request()
  return request_bytes
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-MOCK {"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p99": %d, '
      .. '"mean": %.1f, "max": %d}}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
