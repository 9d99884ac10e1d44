-- ZFS: FAULTED, UNAVAIL or SUSPENDED pools have lost data access
-- (critical); DEGRADED pools have lost redundancy (major); data errors on
-- an otherwise ONLINE pool are minor until a scrub says more.
if result.value == nil then
  return "unknown", result.message
end
local m = result.message
for _, word in ipairs({"FAULTED", "UNAVAIL", "SUSPENDED", "REMOVED"}) do
  if string.find(m, word, 1, true) then
    return "critical", m
  end
end
if string.find(m, "DEGRADED", 1, true) then
  return "major", m
end
if result.value > 0 then
  return "minor", m
end
return "ok"
