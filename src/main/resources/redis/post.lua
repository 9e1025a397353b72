-- KEYS: history, seq. ARGV: channel, room, node, member id, member name, text, history size, frame prefix, frame
-- middle, retention ms. The frame is prefix + id + middle + ts + '}', ts being the id's milliseconds. Returns the
-- message id.
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[7], '*', 'fid', ARGV[4], 'fname', ARGV[5],
  'text', ARGV[6])
local ms = string.match(id, '^(%d+)-')
announce(ARGV[1], ARGV[2], KEYS[2], 'message', ARGV[4], ARGV[3], id, ARGV[8] .. id .. ARGV[9] .. ms .. '}')
expire(ARGV[10], {KEYS[1], KEYS[2]})
return id
