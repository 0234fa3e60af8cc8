-- GET the URL given to wrk with If-None-Match: extra[1], as a browser or CDN revalidates.
dofile("common.lua")

function request()
  return wrk.format("GET", nil, {["If-None-Match"] = extra[1]})
end
