-- Shared summary: one machine-readable line for bench/run (latencies in milliseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f mean=%.3f p50=%.3f p90=%.3f p99=%.3f requests=%d errors=%d socket_errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency.mean / 1000, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, e.connect + e.read + e.write + e.timeout))
end
