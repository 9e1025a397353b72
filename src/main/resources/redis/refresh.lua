-- KEYS: members, expiry, seq, left, history, sessions, counts, edits, reactions, read (the last three renewed with
-- the history, so a room whose members stay keeps its message state as long as its messages). ARGV: channel, room,
-- node, leave prefix, ttl ms, join prefix, retention ms, then (name key, person id, session id, person JSON) for each
-- of this node's sessions in the room. Renews them (and their persons), lists again a session that expired while
-- Redis was out of reach (announcing its person only if it had left), skips one that has left since the node listed it, and purges expired sessions of
-- other nodes. Returns {ids of sessions whose name another person took meanwhile, ids of sessions listed again}.
local now = now_ms()
purge({members = KEYS[1], expiry = KEYS[2], sessions = KEYS[6], counts = KEYS[7], seq = KEYS[3], channel = ARGV[1],
  room = ARGV[2], node = ARGV[3], leave_prefix = ARGV[4]}, now)
local deadline = now + tonumber(ARGV[5])
local lost, again = {}, {}
for i = 8, #ARGV, 4 do
  local key, id, sid, json = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local session = key .. '\t' .. sid
  local entry = redis.call('HGET', KEYS[1], key)
  if owned_by(entry, id) and redis.call('ZSCORE', KEYS[6], session) then
    redis.call('ZADD', KEYS[6], deadline, session)
    redis.call('ZADD', KEYS[2], deadline, key)
  elseif redis.call('ZSCORE', KEYS[4], sid) then
    -- It left after its node listed it for this refresh: nothing to renew, nobody to bring back.
  elseif owned_by(entry, id) then
    -- Its person stayed through another session: this one counts again, nothing to announce.
    redis.call('ZADD', KEYS[6], deadline, session)
    redis.call('HINCRBY', KEYS[7], key, 1)
    redis.call('ZADD', KEYS[2], deadline, key)
    table.insert(again, sid)
  elseif not entry then
    local seq = announce(ARGV[1], ARGV[2], KEYS[3], 'join', id, ARGV[3], '',
      ARGV[6] .. json .. ',"ts":' .. int(now) .. '}')
    redis.call('HSET', KEYS[1], key, id .. '\t' .. int(seq) .. '\t' .. json)
    redis.call('ZADD', KEYS[6], deadline, session)
    redis.call('HSET', KEYS[7], key, 1)
    redis.call('ZADD', KEYS[2], deadline, key)
    table.insert(again, sid)
  else
    table.insert(lost, sid)
  end
end
expire(ARGV[5], {KEYS[1], KEYS[2], KEYS[6], KEYS[7]})
expire(ARGV[7], {KEYS[3], KEYS[5], KEYS[8], KEYS[9], KEYS[10]})
return {lost, again}
