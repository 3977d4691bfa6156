-- Scenario (a): one new person per request over the Evo route E2, spread at random over the organizations listed
-- in BENCH_ORGS ("orgId userRoleId" per line). Emails are unique per run, thread and request.
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local orgs = dofile(os.getenv("BENCH_WRK_DIR") .. "/orgs.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/threads.lua")
local counter = 0
function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end
function request()
  counter = counter + 1
  local o = orgs[math.random(#orgs)]
  local body = string.format('{"users":[{"email":"a-%s-%d-%d@bench.test","roles":["%s"]}]}', run, tid or 0, counter, o[2])
  return wrk.format("POST", "/workspace/orgs/" .. o[1] .. "/members/users",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
