-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, message id, deleted frame, retention ms.
-- Removes the message from the room's stream, and its edit and reactions, and announces it; returns 1, or 0 when the
-- stream does not hold it (nothing is announced then).
if redis.call('XDEL', KEYS[1], ARGV[4]) == 0 then return 0 end
redis.call('HDEL', KEYS[3], ARGV[4])
redis.call('HDEL', KEYS[4], ARGV[4])
announce(ARGV[1], ARGV[2], KEYS[2], 'deleted', '', ARGV[3], ARGV[4], ARGV[5])
expire(ARGV[6], KEYS)
return 1
