-- KEYS: nodes (hash: node id -> 'at TAB connections TAB rooms TAB messages per second'), rooms (the room index). ARGV:
-- node id, this node's report (without 'at'), stale ms. Records the report, drops the ones older than stale ms, keeps
-- the hash stale ms after the last report, and returns {reports, rooms listed now}.
local now = now_ms()
local stale = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], int(now) .. '\t' .. ARGV[2])
local reports = {}
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  local at = tonumber(string.match(fields[i + 1], '^(%d+)\t'))
  if at and at > now - stale then
    table.insert(reports, fields[i] .. '\t' .. fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
redis.call('PEXPIRE', KEYS[1], stale)
return {reports, redis.call('ZCOUNT', KEYS[2], '(' .. int(now), '+inf')}
