-- KEYS: seq. ARGV: channel, room, node, person id, typing frame, retention ms. Announces that the person is typing;
-- nothing is stored but the event counter.
announce(ARGV[1], ARGV[2], KEYS[1], 'typing', ARGV[4], ARGV[3], '', ARGV[5])
expire(ARGV[6], KEYS)
return 1
