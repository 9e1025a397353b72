-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, person id, message id, edit state JSON
-- ({"text","editedAt"}), edited frame, retention ms. Returns 'not_found' (no such message, or a tombstone),
-- 'forbidden' (the entry's fid is another person's), or 'done': stored and announced.
local entry = entry_of(KEYS[1], ARGV[5])
if not entry or is_tombstone(KEYS[3], ARGV[5]) then return 'not_found' end
if field_of(entry, 'fid') ~= ARGV[4] then return 'forbidden' end
redis.call('HSET', KEYS[3], ARGV[5], ARGV[6])
announce(ARGV[1], ARGV[2], KEYS[2], 'edited', ARGV[4], ARGV[3], ARGV[5], ARGV[7])
prune(KEYS[3], KEYS[1], redis.call('XLEN', KEYS[1]), false, true)
expire(ARGV[8], KEYS)
return 'done'
