-- wrk with `depth` requests in flight on each connection, as the lab's pipelined client keeps them
-- (src/measure/http-pipelined-child.ts), so that the two measure the same load on the same server.
-- The idea and its shape are wrk's own example script, scripts/pipeline.lua (wg/wrk, commit 93348e28147b):
-- init builds the requests once, request() hands wrk all of them for one write. wrk then waits for every answer
-- of the batch before it writes the next one (the lab's client refills once half are answered).
-- Usage: wrk -t1 -c8 -d1s -s bench/wrk-pipeline.lua <url> -- <depth>
init = function(args)
   local depth = tonumber(args[1]) or 4
   local r = {}
   for i = 1, depth do
      -- nil method and path: GET and the path of the URL given to wrk, with wrk's Host header.
      r[i] = wrk.format(nil, nil)
   end
   req = table.concat(r)
end

request = function()
   return req
end
