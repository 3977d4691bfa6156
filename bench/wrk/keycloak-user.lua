-- The peer's counterpart of scenario (a): one new user per request in the Keycloak realm "bench", with the admin
-- token from BENCH_TOKEN. Usernames and emails are unique per run, thread and request.
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
dofile(os.getenv("BENCH_WRK_DIR") .. "/threads.lua")
local counter = 0
function request()
  counter = counter + 1
  local name = string.format("a-%s-%d-%d", run, tid or 0, counter)
  local body = string.format('{"username":"%s","email":"%s@bench.test","enabled":true}', name, name)
  return wrk.format("POST", "/admin/realms/bench/users",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
