-- Memory used in percent. Short peaks are normal; a full machine is not.
if result.value == nil then
  return "unknown", result.message
end
local v = result.value
if v >= 97 then
  return "critical", result.message
elseif v >= 92 then
  return "major", result.message
elseif v >= 85 then
  return "minor", result.message
end
return "ok"
