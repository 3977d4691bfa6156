-- The organizations listed in BENCH_ORGS ("orgId userRoleId" per line), as { org, role } pairs, for the scripts
-- that write invitations.
local orgs = {}
for line in io.lines(os.getenv("BENCH_ORGS")) do
  local org, role = line:match("(%S+)%s+(%S+)")
  orgs[#orgs + 1] = { org, role }
end
return orgs
