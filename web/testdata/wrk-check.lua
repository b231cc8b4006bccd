-- POST a seed to /api/v1/check. SEED names the file; UNIQUE=1 gives every
-- request its own file name, so no request is answered from the cache.
local f = assert(io.open(os.getenv("SEED"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/octet-stream"
local unique = os.getenv("UNIQUE") == "1"
local n = 0
request = function()
  local name = "seed.txt"
  if unique then
    n = n + 1
    name = "seed-" .. tostring(math.random(1e9)) .. "-" .. n .. ".txt"
  end
  return wrk.format(nil, "/api/v1/check?name=" .. name)
end
