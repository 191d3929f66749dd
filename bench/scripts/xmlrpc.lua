-- wrk script: POST one XML-RPC call (body from $BODY_FILE), optional Basic auth ($BASIC_AUTH,
-- already base64), and count XML-RPC failures ([false, ...] answers) besides HTTP errors.
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

function response(status, headers, body)
  if status ~= 200 or not string.find(body, "<boolean>1</boolean>", 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + t:get("failures")
  end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d xmlrpc_failures=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
