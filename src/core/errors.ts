/**
 * Errors of our own: one table, stable codes (fastify lib/errors.js `createError(code, message, statusCode)` style).
 * Each code owns its message template and its exit code; a call site passes the facts, typed per code, never a
 * finished sentence. A user never sees a stack trace for these: the CLI prints `message` on one line and exits with
 * `exitCode`.
 */
import { didYouMean } from './did-you-mean.js'

export const EXIT_OK = 0
/** A scenario failed to reproduce, or a problem was found. */
export const EXIT_FAILED = 1
/** Bad usage: unknown command, scenario, flag or value. */
export const EXIT_USAGE = 2

/** Text whose wording belongs to its author (a lesson's own `lab.check`, a reply built by the host guard). */
interface Free { message: string }

/** `Run \`localhost-lab <command> --help\`.` */
function helpFor (command: string): string {
  return `Run \`localhost-lab ${command} --help\`.`
}

function quoteShort (text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text
}

/** Every number a command line takes is a whole number in a range; milliseconds say so in their own words. */
interface BadNumber { command: string, option: string, got: string, min: number, max: number, unit?: 'milliseconds' }

/** The largest delay a Node timer honours (2^31 - 1 ms); a --for or --timeout above it would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647

function badNumber (p: BadNumber): string {
  if (p.unit === 'milliseconds') {
    const range = p.max >= MAX_TIMER_MS ? `(a whole number from ${p.min})` : `from ${p.min} to ${p.max}`
    return `--${p.option} wants milliseconds ${range}, not '${p.got}'. ${helpFor(p.command)}`
  }
  return `--${p.option} takes a whole number from ${p.min} to ${p.max} (got '${p.got}'). ${helpFor(p.command)}`
}

type BadArgument =
  /** A positional given to a command that takes none. */
  | { command: string, extra: string }
  /** More positionals than the command takes. */
  | { command: string, atMostOne: string, count: number }
  | BadNumber
  /** A value outside an enum's choices. */
  | { command: string, option: string, got: string, choices: readonly string[] }
  /** What node:util parseArgs said (a value missing after `--top`, a value given to a boolean). */
  | { command: string, parser: string }
  /** An option that takes a value, given none (`serve --host` at the end of the line). */
  | { command: string, option: string, needs: string }
  /** `demo` needs one scenario id, or --all, not both. */
  | { scenarios: number, all: boolean, known: readonly string[] }
  /** `explain` on a terminal with nothing to read. */
  | { nothingToExplain: true }
  /** A function of ours given an empty list of addresses. */
  | { needsAnAddress: string }
  /** `serve --host` must stay on this machine. */
  | { notLoopbackV4: string }
  /** `--transcript` with no file name, or one that cannot be written. */
  | { transcript: string, code?: string }
  /** `wait --status` with no target to ask over HTTP. */
  | { statusWithoutHttp: number }

function badArgument (p: BadArgument): string {
  if ('extra' in p) return `'${p.command}' takes no arguments (got '${p.extra}'). ${helpFor(p.command)}`
  if ('atMostOne' in p) return `'${p.command}' takes at most one ${p.atMostOne} (got ${p.count}). ${helpFor(p.command)}`
  if ('min' in p) return badNumber(p)
  if ('choices' in p) return `unknown --${p.option} '${p.got}'.${didYouMean(p.got, p.choices)} Choose one of ${p.choices.join(', ')}.`
  if ('needs' in p) return `--${p.option} needs a value (${p.needs}). ${helpFor(p.command)}`
  if ('parser' in p) return `${p.parser.split('\n')[0]!.replace(/\.$/, '')}. ${helpFor(p.command)}`
  if ('scenarios' in p) {
    if (p.all) return `give a scenario id or --all, not both. ${helpFor('demo')}`
    return p.scenarios === 0
      ? `which scenario? Give an id (${p.known.slice(0, 4).join(', ')}, ...) or --all. Run \`localhost-lab list\`.`
      : `one scenario at a time (got ${p.scenarios}); use --all for every one. Run \`localhost-lab list\`.`
  }
  if ('nothingToExplain' in p) return `what should I explain? Give the error text in quotes, or pipe it: \`my-app 2>&1 | localhost-lab explain\`. ${helpFor('explain')}`
  if ('needsAnAddress' in p) return `${p.needsAnAddress} needs at least one address to find a free port on`
  if ('statusWithoutHttp' in p) return `--status ${p.statusWithoutHttp} is an HTTP status: add --http <path>, or give an http:// target. ${helpFor('wait')}`
  if ('notLoopbackV4' in p) return `--host must be an IPv4 loopback address (127.0.0.1, 127.x.y.z), not '${p.notLoopbackV4}': these services are broken on purpose and must not be reachable from the network.`
  if (p.code === undefined) return `--transcript needs a file name, e.g. --transcript handout.md. ${helpFor('demo')}`
  return `cannot write the transcript to '${p.transcript}' (${p.code}). Give a file in a folder that exists and you may write to.`
}

/** A target `probe` cannot read: what was typed, what is wrong with it, the forms it accepts. */
interface BadTarget { target: string, problem: string, accepted: string }

function badTarget (p: BadTarget): string {
  return `bad target '${quoteShort(p.target)}': ${p.problem}. Accepted forms: ${p.accepted}`
}

type BadPort =
  | BadTarget
  /** `ports <port>`: the one port to look at. */
  | { port: string }
  /** A port to listen on (`dashboard --port`): 0 lets the OS pick. */
  | { command: string, option: string, got: string }

function badPort (p: BadPort): string {
  if ('problem' in p) return badTarget(p)
  if ('port' in p) return `bad port '${p.port}': give a number from 1 to 65535, e.g. \`localhost-lab ports 3000\`.`
  return `--${p.option} must be a whole number from 0 to 65535 (got '${p.got}'); 0 or no --${p.option} lets the OS pick. ${helpFor(p.command)}`
}

/** Where a tool or file is missing, what it was for, and what to try instead. */
type ToolMissing =
  | { tool: string, neededTo?: string, tryInstead?: string }
  | { file: string, tryInstead: string }

/** A lesson's machinery failed: a helper program missing or dead before its hello, an agent that did not start. */
type ScenarioThrew =
  | { program: string, file: string }
  | { program: string, pid: number, exit: string, said: string }
  | { service: string, without: string }
  | { namespace: string, agentSaid: string }
  | { factKey: string }
  | { undeclaredOption: string, scenario: string }

/**
 * `wait`: one target that did not answer in time, and why, from its attempts. `target` as the user knows it
 * (`127.0.0.1:5432`, `GET http://127.0.0.1:3000/health`).
 */
export type NotReadyReason =
  | { refused: true }
  | { timedOutAfterMs: number }
  | { status: number, expected: string }
  | { notFound: string, code: string }
  | { code: string, said: string }

function notReady ({ target, deadlineMs, attempts, why: p }: { target: string, deadlineMs: number, attempts: number, why: NotReadyReason }): string {
  const head = `${target} did not answer within ${deadlineMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'}): `
  if ('refused' in p) return `${head}refused (ECONNREFUSED), nothing listens there yet`
  if ('timedOutAfterMs' in p) return `${head}timed out (no answer to an attempt within ${p.timedOutAfterMs} ms)`
  if ('status' in p) return `${head}it answered HTTP ${p.status}, not ${p.expected}`
  if ('notFound' in p) return `${head}the name '${p.notFound}' does not resolve (${p.code})`
  return `${head}${p.code}${p.said === '' || p.said === p.code ? '' : ` (${p.said})`}`
}

function define<P> (exitCode: number, message: (params: P) => string): { exitCode: number, message: (params: P) => string } {
  return { exitCode, message }
}

const table = {
  LAB_ERR_UNKNOWN_COMMAND: define(EXIT_USAGE, (p: { name: string, known: readonly string[] }) =>
    `unknown ${p.name.startsWith('-') ? 'option' : 'command'} '${p.name}'.${didYouMean(p.name, p.known)} Run \`localhost-lab --help\`.`),
  LAB_ERR_UNKNOWN_SCENARIO: define(EXIT_USAGE, (p: { id: string, known: readonly string[] }) =>
    `unknown scenario '${p.id}'.${didYouMean(p.id, p.known)} Run \`localhost-lab list\`.`),
  LAB_ERR_UNKNOWN_OPTION: define(EXIT_USAGE, (p: { command: string, option: string, known: readonly string[] }) =>
    `unknown option '${p.option}' for '${p.command}'.${didYouMean(p.option.split('=')[0]!, p.known)} ${helpFor(p.command)}`),
  LAB_ERR_BAD_ARGUMENT: define(EXIT_USAGE, badArgument),
  LAB_ERR_BAD_PORT: define(EXIT_USAGE, badPort),
  LAB_ERR_BAD_TARGET: define(EXIT_USAGE, (p: BadTarget | { count: number, accepted: string } | { nothingToWaitFor: true, accepted: string }) => {
    if ('nothingToWaitFor' in p) return `what should I wait for? Give one or more targets. Accepted forms: ${p.accepted}. ${helpFor('wait')}`
    return 'count' in p
      ? `${p.count === 0 ? 'what should I probe? Give one target' : `one target at a time (got ${p.count})`}. Accepted forms: ${p.accepted}`
      : badTarget(p)
  }),
  LAB_ERR_CHECK_FAILED: define(EXIT_FAILED, (p: Free | { service: string, at: string, namespace: string } | { measuring: string, got: string }) => {
    if ('message' in p) return p.message
    if ('measuring' in p) return `nothing to measure at ${p.measuring}: ${p.got}`
    return `${p.service} could not listen on ${p.at} in ${p.namespace}`
  }),
  LAB_ERR_NOT_REPRODUCED: define(EXIT_FAILED, (p: Free) => p.message),
  LAB_ERR_SCENARIO_THREW: define(EXIT_FAILED, (p: ScenarioThrew) => {
    if ('file' in p) return `the ${p.program} program is missing: ${p.file} (run \`npm run build\`)`
    if ('exit' in p) return `the ${p.program} program (pid ${p.pid}) exited (${p.exit}) before it said hello: ${p.said || 'it said nothing'}`
    if ('without' in p) return `${p.service} said hello without its ${p.without} listener`
    if ('agentSaid' in p) return `the agent in ${p.namespace} did not start: ${p.agentSaid}`
    if ('undeclaredOption' in p) return `scenario '${p.scenario}' reads option '${p.undeclaredOption}', which it does not declare`
    return `fact key '${p.factKey}' is not lower-case words joined by dashes`
  }),
  LAB_ERR_NOT_READY: define(EXIT_FAILED, notReady),
  LAB_ERR_DISPOSED: define(EXIT_FAILED, (p: { scenario: string }) =>
    `scenario '${p.scenario}' already ended; its resources were released`),
  LAB_ERR_INTERRUPTED: define(130, (p: { reason: string }) => `interrupted: ${p.reason}`),
  /** `option`: the command line's way to ask for another port, when there is one. */
  LAB_ERR_LISTEN_FAILED: define(EXIT_FAILED, (p: { at: string, code: string, option?: string, osPicked?: boolean }) => {
    if (p.code !== 'EADDRINUSE') return `cannot listen on ${p.at}: ${p.code}.`
    // Port 0 in use: no one holds "that port"; the OS had none left to give, and leaving the option out asks for 0 again.
    if (p.osPicked === true) return `cannot listen on ${p.at}: ${p.code}. The OS had no free port left to pick (the ephemeral range is used up)${p.option === undefined ? '' : `: choose one with --${p.option}`}.`
    const choose = p.option === undefined ? '' : `: choose another with --${p.option}, or leave --${p.option} out and let the OS pick a free one`
    return `cannot listen on ${p.at}: ${p.code}. Another program holds that port${choose}.`
  }),
  LAB_ERR_BUSY: define(EXIT_FAILED, (p: { id: string, run: number } | { hosts: readonly string[], tries: number } | { checking: string }) => 'hosts' in p
    ? `no port was free on all of ${p.hosts.join(', ')} after ${p.tries} tries`
    : 'checking' in p
      ? `a check of ${p.checking} is still running; one check at a time. Try again in a moment.`
      : `'${p.id}' is still running (run ${p.run}); one scenario at a time. Try again when it has finished.`),
  /** A request line the dashboard answers with 400 (RFC 9112 §3.2): several Host lines, or a target naming another authority. */
  LAB_ERR_BAD_REQUEST: define(EXIT_USAGE, (p: { hosts: readonly string[] } | { target: string, own: readonly string[] }) => 'hosts' in p
    ? `refused: ${p.hosts.length} Host header lines (${p.hosts.map((h) => `'${quoteShort(h, 40)}'`).join(', ')}); a request names one host, once.`
    : `refused: request target '${quoteShort(p.target)}' is not a path here nor a URL of this service (${p.own.slice(0, 3).map((h) => `http://${h}/`).join(', ')}).`),
  /** A paced dashboard run's Next, Stop or resume from a page that did not start it (dashboard/server.ts words it). */
  LAB_ERR_NOT_OWNER: define(EXIT_USAGE, (p: Free) => p.message),
  /** Refusals the host guard sends as a 403 reply; it words them (services/host-guard.ts). */
  LAB_ERR_FOREIGN_HOST: define(EXIT_FAILED, (p: Free) => p.message),
  LAB_ERR_FOREIGN_ORIGIN: define(EXIT_FAILED, (p: Free) => p.message),
  LAB_ERR_TOOL_MISSING: define(EXIT_FAILED, (p: ToolMissing) => 'tool' in p
    ? `'${p.tool}' is not installed or not on PATH${p.neededTo === undefined ? '' : `; it is needed to ${p.neededTo}`}.${p.tryInstead === undefined ? '' : ` Try ${p.tryInstead}.`}`
    : `this system has no ${p.file} to read (not Linux?). Try ${p.tryInstead}.`),
  LAB_ERR_TOOL_FAILED: define(EXIT_FAILED, (p: { command: string, said: string, exitCode?: number }) =>
    `'${p.command}' failed${p.exitCode === undefined ? '' : ` (${p.exitCode === -1 ? 'no exit code' : `exit code ${p.exitCode}`})`}: ${p.said}`),
}

export type LabErrorCode = keyof typeof table
/** What a call site passes for `code`: the facts its message template needs. */
export type LabErrorParams<C extends LabErrorCode> = Parameters<(typeof table)[C]['message']>[0]

/** The sentence `code` says for `params`, for a reply that is not thrown (an HTTP 4xx body). */
export function labErrorMessage<C extends LabErrorCode> (code: C, params: LabErrorParams<C>): string {
  return (table[code].message as (p: LabErrorParams<C>) => string)(params)
}

export class LabError<C extends LabErrorCode = LabErrorCode> extends Error {
  readonly code: C
  readonly exitCode: number

  constructor (code: C, params: LabErrorParams<C>) {
    super(labErrorMessage(code, params))
    this.name = 'LabError'
    this.code = code
    this.exitCode = table[code].exitCode
  }
}

export function isLabError (err: unknown): err is LabError {
  return err instanceof LabError
}
