-- KEYS: members, expiry, seq, left, history. ARGV: channel, room, node, leave prefix, ttl ms, join prefix, retention
-- ms, then (name key, member id, member JSON) for each of this node's members of the room. Renews their presence,
-- announces again a member that expired while Redis was out of reach, skips one that has left since the node listed it,
-- and purges expired members of other nodes. Returns {ids of members whose name another member took meanwhile, ids
-- announced again}.
local now = now_ms()
purge(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], now)
local ttl = tonumber(ARGV[5])
local lost, again = {}, {}
for i = 8, #ARGV, 3 do
  local key, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local entry = redis.call('HGET', KEYS[1], key)
  if owned_by(entry, id) then
    redis.call('ZADD', KEYS[2], now + ttl, key)
  elseif redis.call('ZSCORE', KEYS[4], id) then
    -- It left after its node listed it for this refresh: nothing to renew, nobody to bring back.
  elseif not entry then
    local seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', id, ARGV[3], '',
      ARGV[6] .. json .. ',"ts":' .. int(now) .. '}')
    redis.call('HSET', KEYS[1], key, id .. '\t' .. int(seq) .. '\t' .. json)
    redis.call('ZADD', KEYS[2], now + ttl, key)
    table.insert(again, id)
  else
    table.insert(lost, id)
  end
end
expire(ARGV[5], {KEYS[1], KEYS[2]})
expire(ARGV[7], {KEYS[3], KEYS[5]})
return {lost, again}
