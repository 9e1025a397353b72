-- KEYS: members, expiry, seq, left, history, sessions, counts. ARGV: channel, room, node, name key, person id, session
-- id, leave frame, ttl ms, retention ms. Ends the session; when it was the person's last one, the person leaves and it
-- is announced (returns 1). Returns 0 when nothing was announced: another session of the person is still there, or the
-- session was not listed (expired, say). Either way it leaves a tombstone of the session, so that a refresh its node
-- sent before the leave cannot list it again.
local now = now_ms()
local ttl = tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZADD', KEYS[4], now + ttl, ARGV[6])
redis.call('PEXPIRE', KEYS[4], ttl)
local entry = redis.call('HGET', KEYS[1], ARGV[4])
if not owned_by(entry, ARGV[5]) then return 0 end
if redis.call('ZREM', KEYS[6], ARGV[4] .. '\t' .. ARGV[6]) == 0 then return 0 end
if redis.call('HINCRBY', KEYS[7], ARGV[4], -1) > 0 then return 0 end
redis.call('HDEL', KEYS[7], ARGV[4])
redis.call('HDEL', KEYS[1], ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[4])
announce(ARGV[1], ARGV[2], KEYS[3], 'leave', ARGV[5], ARGV[3], '', ARGV[7])
expire(ARGV[9], {KEYS[3], KEYS[5]})
return 1
