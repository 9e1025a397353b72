-- KEYS: history, seq, edits, reactions, read. ARGV: channel, room, node, member id, member name, text, retained (the
-- stream's MAXLEN ~), frame prefix, frame middle, retention ms. The frame is prefix + id + middle + ts + '}', ts being
-- the id's milliseconds. Renews the message state with the stream, so that an edit or a tombstone lives as long as
-- its message. Returns the message id.
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[7], '*', 'fid', ARGV[4], 'fname', ARGV[5],
  'text', ARGV[6])
local ms = string.match(id, '^(%d+)-')
announce(ARGV[1], ARGV[2], KEYS[2], 'message', ARGV[4], ARGV[3], id, ARGV[8] .. id .. ARGV[9] .. ms .. '}')
expire(ARGV[10], KEYS)
return id
