-- Numbers wrk's threads (tid in each), so that a request script can make names unique per run, thread and request.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
