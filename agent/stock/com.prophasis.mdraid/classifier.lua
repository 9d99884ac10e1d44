-- MD RAID: value = number of degraded arrays. A degraded array that is
-- rebuilding is major (redundancy is coming back), one that is not is
-- critical. A resync or check of a healthy array is routine.
if result.value == nil then
  return "unknown", result.message
end
if result.value > 0 then
  if string.find(result.message, "recovery", 1, true) or string.find(result.message, "reshape", 1, true) then
    return "major", result.message
  end
  return "critical", result.message
end
return "ok"
