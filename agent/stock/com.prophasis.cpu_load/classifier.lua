-- CPU load in percent of the cores (100 = every core busy).
-- values[1] is this result, values[2] the one before, and so on.
if result.value == nil then
  return "unknown", result.message
end
-- sustained reports whether the last n results are all at or above limit,
-- so a short spike does not page anyone.
local function sustained(limit, n)
  for i = 1, n do
    if values[i] == nil or values[i] < limit then
      return false
    end
  end
  return true
end
local reason = string.format("load at %.0f%% of the cores", result.value)
if result.value >= 400 then
  return "critical", reason
elseif sustained(200, 3) then
  return "major", reason .. " for the last 3 checks"
elseif sustained(100, 3) then
  return "minor", reason .. " for the last 3 checks"
end
return "ok"
