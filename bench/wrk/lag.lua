-- Scenario (e), the writing side: one new person per request over the Evo route E2, offered at BENCH_LAG_RATE per
-- second in all (each of wrk's threads takes its share), round the organizations of BENCH_ORGS. Each thread hands
-- out send slots one period apart; a connection whose slot has passed sends at once, so when the service falls
-- behind the achieved rate is what it takes with the connections given. For every 2xx answer the thread appends
-- "email wall-clock-ms" to BENCH_LAG_DIR/acks-<thread>.txt, taken when the answer has been read; the follower of the
-- event feed writes the same for the moment the event arrives, and bench/Loader.java joins the two.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(0, clock) -- CLOCK_REALTIME, the clock the follower reads too
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local rate = tonumber(os.getenv("BENCH_LAG_RATE"))
local threads_in_all = tonumber(os.getenv("BENCH_LAG_THREADS"))
local orgs = dofile(os.getenv("BENCH_WRK_DIR") .. "/orgs.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/threads.lua")

local period, next_slot, acks
local counter = 0
function init(args)
  period = 1000 * threads_in_all / rate
  next_slot = now_ms()
  acks = assert(io.open(string.format("%s/acks-%d.txt", os.getenv("BENCH_LAG_DIR"), tid), "w"))
  acks:setvbuf("line")
end
function delay()
  local now = now_ms()
  if next_slot < now - period then
    next_slot = now -- behind: send now, and do not make up for the slots missed in a burst
  end
  local wait = next_slot - now
  next_slot = next_slot + period
  return wait > 0 and math.floor(wait + 0.5) or 0
end
function request()
  counter = counter + 1
  local o = orgs[(counter * threads_in_all + tid) % #orgs + 1]
  local body = string.format('{"users":[{"email":"lag-%s-%d-%d@bench.test","roles":["%s"]}]}', run, tid, counter, o[2])
  return wrk.format("POST", "/workspace/orgs/" .. o[1] .. "/members/users",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  if status >= 200 and status < 300 then
    local email = body:match('"email":%s*"(lag%-[^"]+)"')
    if email then
      acks:write(string.format("%s %.3f\n", email, now_ms()))
    end
  end
end
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
