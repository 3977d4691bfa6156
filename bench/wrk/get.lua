-- GET the URL given to wrk with the bearer token from BENCH_TOKEN.
local token = os.getenv("BENCH_TOKEN")
wrk.headers["Authorization"] = "Bearer " .. token
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
