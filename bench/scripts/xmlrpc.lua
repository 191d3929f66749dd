-- wrk script: POST one XML-RPC call (body from $BODY_FILE), optional Basic auth ($BASIC_AUTH,
-- already base64), and count XML-RPC failures ([false, ...] answers) besides HTTP errors.
-- BODY_CHECK=off: no response() callback, so wrk never copies an answer into a Lua string (for a
-- 15 MB pool listing that copy and the search in it cost the client more than the server's whole
-- answer); the caller then tells failures from the bytes received (RESULT bytes=, non2xx=).
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "text/xml"
local auth = os.getenv("BASIC_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = "Basic " .. auth
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  failures = 0
end

if os.getenv("BODY_CHECK") ~= "off" then
  function response(status, headers, body)
    if status ~= 200 or not string.find(body, "<boolean>1</boolean>", 1, true) then
      failures = failures + 1
    end
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("failures")
  end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d xmlrpc_failures=%d socket_errors=%d bytes=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.bytes, summary.errors.status))
end
