-- KEYS: expiry, seq, ban. ARGV: channel, room, node, name key, reason, ban ms (0: no ban), retention ms. With a ban
-- duration, bans the name first (the ban key expires with it). Then, if the name is present, announces its removal
-- (every node closes that name's sessions in the room; the reason is the event's frame) and returns 1; else 0.
if tonumber(ARGV[6]) > 0 then
  redis.call('SET', KEYS[3], ARGV[5], 'PX', ARGV[6])
end
local expires = redis.call('ZSCORE', KEYS[1], ARGV[4])
if not expires or tonumber(expires) <= now_ms() then return 0 end
announce(ARGV[1], ARGV[2], KEYS[2], 'removed', ARGV[4], ARGV[3], '', ARGV[5])
expire(ARGV[7], {KEYS[2]})
return 1
