// Erlang/OTP 25 and Elixir 1.14 (Debian): gen_tcp and inets' httpc. The texts are the error terms as Erlang and
// Elixir print them (io:format("~p") and IO.inspect, or an uncaught MatchError).
import { family, captureClient, captureServer, version, SCENARIOS } from './lib.mjs'

const ERL = ['-noshell', '-noinput']
const erlAddr = h => (h.includes(':') ? `{0,0,0,0,0,0,0,1}` : (/^[0-9.]+$/.test(h) ? `{${h.split('.').join(',')}}` : `"${h}"`))
const fam = h => (h.includes(':') ? 'inet6' : 'inet')
const TCP = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))

await family(async () => {
  const otp = 'Erlang/OTP ' + version('erl', ['-noshell', '-eval', 'io:format("~s", [erlang:system_info(otp_release)]), halt().'])
  await captureClient({ program: 'erlang-gen_tcp', ecosystem: 'erlang', version: otp, how: 'io:format("~p~n", [gen_tcp:connect(Addr, Port, [binary, {active, false}], 3000)]) then send/recv',
    cmd: t => ['erl', [...ERL, '-eval', `R = case gen_tcp:connect(${erlAddr(t.host)}, ${t.port}, [binary, ${fam(t.host)}, {active, false}], 3000) of {ok, S} -> gen_tcp:send(S, <<"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n">>), gen_tcp:recv(S, 0, 3000); E -> E end, io:format("~p~n", [R]), halt(1).`]] }, TCP)
  await captureClient({ program: 'erlang-httpc', ecosystem: 'erlang', version: otp, how: 'inets:start(), ssl:start() (httpc:set_options([{ipfamily, inet6}]) for [::1]), io:format("~p~n", [httpc:request(get, {Url, []}, [{timeout, 3000}, {connect_timeout, 3000}], [])])',
    cmd: t => ['erl', [...ERL, '-eval', `inets:start(), ssl:start(), ${t.host.includes(':') ? 'httpc:set_options([{ipfamily, inet6}]), ' : ''}io:format("~p~n", [httpc:request(get, {"${t.url}", []}, [{timeout, 3000}, {connect_timeout, 3000}, {ssl, [{verify, verify_none}]}], [])]), halt(1).`]] })
  await captureServer({ program: 'erlang-gen_tcp', ecosystem: 'erlang', version: otp, how: 'io:format("~p~n", [gen_tcp:listen(Port, [{ip, Addr}])])',
    cmd: t => ['erl', [...ERL, '-eval', `io:format("~p~n", [gen_tcp:listen(${t.port}, [${fam(t.host)}, {ip, ${erlAddr(t.host)}}])]), timer:sleep(30000), halt().`]] })

  const ex = version('elixir', ['--version'], s => s.split('\n').find(l => /Elixir/.test(l)) ?? 'Elixir')
  await captureClient({ program: 'elixir-gen_tcp', ecosystem: 'elixir', version: ex, how: '{:ok, socket} = :gen_tcp.connect(...) (the MatchError when it fails)',
    cmd: t => ['elixir', ['-e', `{:ok, s} = :gen_tcp.connect(${t.host.includes(':') ? '{0,0,0,0,0,0,0,1}' : `~c"${t.host}"`}, ${t.port}, [:binary, :${fam(t.host)}, active: false], 3000)\n:ok = :gen_tcp.send(s, "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")\n{:ok, _} = :gen_tcp.recv(s, 0, 3000)`]] }, TCP)
  await captureServer({ program: 'elixir-gen_tcp', ecosystem: 'elixir', version: ex, how: '{:ok, _} = :gen_tcp.listen(port, ip: addr) (the MatchError when it fails)',
    cmd: t => ['elixir', ['-e', `{:ok, _} = :gen_tcp.listen(${t.port}, [:${fam(t.host)}, ip: ${erlAddr(t.host).replace(/"(.*)"/, '~c"$1"')}])\nProcess.sleep(30000)`]] })
})
