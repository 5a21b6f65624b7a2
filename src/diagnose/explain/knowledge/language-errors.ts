/**
 * Written by hand (no machine-readable source exists): the names languages and runtimes give the socket errors instead
 * of the POSIX name, each mapped to that name, with the documentation it was read from. explain treats a match as the
 * code itself (`kind: ConnectionRefused` is ECONNREFUSED).
 */
import type { KnowledgeSource } from './types.js'

export interface LanguageErrorName {
  /** How the language prints it (case-sensitive unless `ignoreCase`). */
  name: string
  /** The POSIX / getaddrinfo name it stands for (a name in errno.ts). */
  errno: string
  /** Where it is printed, to match only there: `kind: X` (Rust Debug), `SocketError.X`, a class name, an atom. */
  form: 'rust-kind' | 'dotnet-socket-error' | 'python-exception' | 'java-exception' | 'erlang-atom' | 'go-text'
  /** Below 1 when the name also covers other failures (Java's ConnectException is thrown for timeouts too). */
  weight?: number
  source: string
}

export const languageErrorSources: Record<string, KnowledgeSource> = {
  'rust-io-errorkind': { id: 'rust-io-errorkind', project: 'Rust standard library, std::io::ErrorKind', url: 'https://doc.rust-lang.org/std/io/enum.ErrorKind.html' },
  'dotnet-socketerror': { id: 'dotnet-socketerror', project: '.NET System.Net.Sockets.SocketError', url: 'https://learn.microsoft.com/en-us/dotnet/api/system.net.sockets.socketerror' },
  'python-exceptions': { id: 'python-exceptions', project: 'Python built-in exceptions (OS exceptions)', url: 'https://docs.python.org/3/library/exceptions.html#os-exceptions' },
  'java-net': { id: 'java-net', project: 'Java SE java.net exceptions', url: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/net/package-summary.html' },
  'erlang-inet': { id: 'erlang-inet', project: 'Erlang/OTP kernel inet, POSIX error codes', url: 'https://www.erlang.org/doc/apps/kernel/inet.html#module-posix-error-codes' },
}

const rust = (name: string, errno: string): LanguageErrorName => ({ name, errno, form: 'rust-kind', source: 'rust-io-errorkind' })
const dotnet = (name: string, errno: string): LanguageErrorName => ({ name, errno, form: 'dotnet-socket-error', source: 'dotnet-socketerror' })
const py = (name: string, errno: string): LanguageErrorName => ({ name, errno, form: 'python-exception', source: 'python-exceptions' })
const java = (name: string, errno: string): LanguageErrorName => ({ name, errno, form: 'java-exception', source: 'java-net' })
const erl = (name: string, errno: string): LanguageErrorName => ({ name, errno, form: 'erlang-atom', source: 'erlang-inet' })

export const languageErrorNames: readonly LanguageErrorName[] = [
  rust('ConnectionRefused', 'ECONNREFUSED'),
  rust('ConnectionReset', 'ECONNRESET'),
  rust('ConnectionAborted', 'ECONNABORTED'),
  rust('NotConnected', 'ENOTCONN'),
  rust('AddrInUse', 'EADDRINUSE'),
  rust('AddrNotAvailable', 'EADDRNOTAVAIL'),
  rust('TimedOut', 'ETIMEDOUT'),
  rust('PermissionDenied', 'EACCES'),
  rust('BrokenPipe', 'EPIPE'),
  rust('WouldBlock', 'EAGAIN'),
  rust('HostUnreachable', 'EHOSTUNREACH'),
  rust('NetworkUnreachable', 'ENETUNREACH'),
  rust('NetworkDown', 'ENETDOWN'),
  dotnet('ConnectionRefused', 'ECONNREFUSED'),
  dotnet('ConnectionReset', 'ECONNRESET'),
  dotnet('ConnectionAborted', 'ECONNABORTED'),
  dotnet('AddressAlreadyInUse', 'EADDRINUSE'),
  dotnet('AddressNotAvailable', 'EADDRNOTAVAIL'),
  dotnet('AccessDenied', 'EACCES'),
  dotnet('TimedOut', 'ETIMEDOUT'),
  dotnet('HostUnreachable', 'EHOSTUNREACH'),
  dotnet('NetworkUnreachable', 'ENETUNREACH'),
  dotnet('HostNotFound', 'EAI_NONAME'),
  dotnet('TryAgain', 'EAI_AGAIN'),
  dotnet('NoData', 'EAI_NODATA'),
  py('ConnectionRefusedError', 'ECONNREFUSED'),
  py('ConnectionResetError', 'ECONNRESET'),
  py('ConnectionAbortedError', 'ECONNABORTED'),
  py('BrokenPipeError', 'EPIPE'),
  { ...py('TimeoutError', 'ETIMEDOUT'), weight: 0.95 },
  py('gaierror', 'EAI_NONAME'),
  { ...java('ConnectException', 'ECONNREFUSED'), weight: 0.75 },
  { ...java('BindException', 'EADDRINUSE'), weight: 0.6 },
  java('SocketTimeoutException', 'ETIMEDOUT'),
  java('UnknownHostException', 'EAI_NONAME'),
  java('NoRouteToHostException', 'EHOSTUNREACH'),
  erl('econnrefused', 'ECONNREFUSED'),
  erl('econnreset', 'ECONNRESET'),
  erl('econnaborted', 'ECONNABORTED'),
  erl('eaddrinuse', 'EADDRINUSE'),
  erl('eaddrnotavail', 'EADDRNOTAVAIL'),
  erl('eacces', 'EACCES'),
  erl('etimedout', 'ETIMEDOUT'),
  erl('ehostunreach', 'EHOSTUNREACH'),
  erl('enetunreach', 'ENETUNREACH'),
  erl('nxdomain', 'EAI_NONAME'),
  erl('timeout', 'ETIMEDOUT'),
  { ...erl('closed', 'ENOTCONN'), weight: 0.8 },
  erl('socket_closed_remotely', 'ENOTCONN'),
]
