-- Commentdesk's JSON API: POST /api/v1/comments as its widget does (same origin, JSON), with
-- a new Idempotency-Key for every comment. extra[1]: the story id.
dofile("common.lua")

function request()
  local key = unique_key()
  local body = string.format(
    '{"story_id": %s, "display_name": "Bench reader %d", "body": "%s", "consent": true}',
    extra[1], id or 0, comment_text(key))
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Sec-Fetch-Site"] = "same-origin",
    ["Idempotency-Key"] = key,
  }, body)
end
