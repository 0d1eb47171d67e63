-- fib(30) in Lua 5.4, beside bench/fib.erl (bench/run.sh runs both).
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local t0 = os.clock()
assert(fib(30) == 832040)
print(string.format("fib: %d us", math.floor((os.clock() - t0) * 1e6)))
