-- GET the URL given to wrk or, when paths are given (extra), each of them in turn: the pages
-- of one thread.
dofile("common.lua")
local next_path = 0

function request()
  if #extra == 0 then
    return wrk.format("GET")
  end
  next_path = next_path % #extra + 1
  return wrk.format("GET", extra[next_path])
end
