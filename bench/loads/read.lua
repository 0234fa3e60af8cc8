-- GET the URL given to wrk, counting statuses.
dofile("common.lua")
