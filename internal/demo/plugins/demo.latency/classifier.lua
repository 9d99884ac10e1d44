-- Response time in ms, with the thresholds the demo history was generated with.
if result.value == nil then
  return "unknown", result.message
end
local v = result.value
if v >= 1000 then
  return "critical", result.message
elseif v >= 200 then
  return "major", result.message
elseif v >= 100 then
  return "minor", result.message
end
return "ok", result.message
