-- Disk used in percent, with the thresholds the demo history was generated with.
if result.value == nil then
  return "unknown", result.message
end
local v = result.value
if v >= 95 then
  return "critical", result.message
elseif v >= 85 then
  return "major", result.message
elseif v >= 80 then
  return "minor", result.message
end
return "ok", result.message
