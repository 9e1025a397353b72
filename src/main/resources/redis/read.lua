-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, person id, message id, read frame, retention
-- ms, most markers kept. Moves the person's read marker (read hash: person id -> message id) forward to the message
-- and announces it. Returns 'not_found' (the stream does not hold it; a tombstone counts as held), 'unchanged' (the
-- marker is at or past it: markers never move backwards) or 'done'. Markers of messages trimmed away go first once
-- there are more than the maximum, then the oldest one.
if not entry_of(KEYS[1], ARGV[5]) then return 'not_found' end
local marker = redis.call('HGET', KEYS[5], ARGV[4])
if marker and compare_ids(marker, ARGV[5]) >= 0 then return 'unchanged' end
redis.call('HSET', KEYS[5], ARGV[4], ARGV[5])
announce(ARGV[1], ARGV[2], KEYS[2], 'read', ARGV[4], ARGV[3], ARGV[5], ARGV[6])
prune(KEYS[5], KEYS[1], tonumber(ARGV[8]), true, false)
expire(ARGV[7], KEYS)
return 'done'
