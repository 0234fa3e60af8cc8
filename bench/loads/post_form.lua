-- Commentdesk's no-JavaScript form: POST to the comments page as a browser would, with the
-- story's form token (extra[1]) and a new idempotency key for every comment.
dofile("common.lua")

function request()
  local key = unique_key()
  local body = form_encode({
    {"display_name", "Bench reader " .. (id or 0)},
    {"body", comment_text(key)},
    {"consent", "on"},
    {"form_token", extra[1]},
    {"idempotency_key", key},
  })
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
  }, body)
end
