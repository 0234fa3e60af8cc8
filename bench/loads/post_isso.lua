-- Isso's JSON API: POST /new?uri=... (the URL given to wrk) with a JSON body.
dofile("common.lua")

function request()
  local text = comment_text(unique_key())
  local body = string.format('{"author": "Bench reader %d", "text": "%s"}', id or 0, text)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
