-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, person id, message id, deleted frame,
-- retention ms. The author's delete: the message becomes its tombstone ({"deleted":true}, keeping editedAt; its
-- reactions go) and it is announced. Returns 'not_found' (no such message, or a tombstone already), 'forbidden'
-- (another person's) or 'done'.
local entry = entry_of(KEYS[1], ARGV[5])
local stored = redis.call('HGET', KEYS[3], ARGV[5])
local state = stored and cjson.decode(stored) or {}
if not entry or state.deleted == true then return 'not_found' end
if field_of(entry, 'fid') ~= ARGV[4] then return 'forbidden' end
local tombstone = '{"deleted":true'
if state.editedAt then tombstone = tombstone .. ',"editedAt":' .. int(state.editedAt) end
redis.call('HSET', KEYS[3], ARGV[5], tombstone .. '}')
redis.call('HDEL', KEYS[4], ARGV[5])
announce(ARGV[1], ARGV[2], KEYS[2], 'deleted', ARGV[4], ARGV[3], ARGV[5], ARGV[6])
prune(KEYS[3], KEYS[1], redis.call('XLEN', KEYS[1]), false, true)
expire(ARGV[7], KEYS)
return 'done'
