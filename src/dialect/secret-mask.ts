/**
 * Hiding credentials in messages: the password of any URL written in a text,
 * password-like query parameters, and the configured credentials themselves
 * wherever they appear. Only messages go through here; SQL and other data
 * output are never rewritten (a seed value that looks like a URL is data).
 */

/**
 * `scheme://user:password@`: the password runs to the last `@` of the
 * authority, so an unencoded `@` in it (`p@ss`) is masked whole.
 */
const USERINFO_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"'<>]*:)[^/?#\s"'<>]*@/gi

/** `?password=…`, `&sslpassword=…` and their kin in a URL's query string. */
const SECRET_PARAMETER = /([?&](?:password|passwd|pwd|pass|sslpassword|secret|token|access_token|api_key|apikey)=)[^&#\s"'<>]*/gi

/** Secret parameter names, as {@link SECRET_PARAMETER} matches them. */
const SECRET_PARAMETER_NAMES = new Set(['password', 'passwd', 'pwd', 'pass', 'sslpassword', 'secret', 'token', 'access_token', 'api_key', 'apikey'])

/**
 * A configured secret shorter than this is not masked as a bare string: it
 * would blank ordinary words out of every message. URL forms still mask it.
 */
const MIN_LITERAL_SECRET = 4

/**
 * Replaces the password of any URL inside `text` with `***`, and the value of
 * password-like query parameters, so messages and logs never show them. It
 * knows no scheme: any `scheme://user:password@` is masked, so a URL of a
 * database athanor does not support is masked too.
 *
 * @example
 * maskPasswords('cannot reach postgres://u:secret@db/app') // 'cannot reach postgres://u:***@db/app'
 * maskPasswords('mysql://db/app?password=x') // 'mysql://db/app?password=***'
 */
export function maskPasswords(text: string): string {
  return text.replace(USERINFO_PASSWORD, '$1***@').replace(SECRET_PARAMETER, '$1***')
}

/**
 * The credentials a URL carries, as written and decoded: its password and
 * the values of its password-like query parameters. A text that is not a URL
 * carries none.
 *
 * @example
 * urlSecrets('postgres://app:p%40ss@db/app?sslpassword=k3y') // ['p%40ss', 'p@ss', 'k3y']
 */
export function urlSecrets(raw: string): string[] {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return []
  }
  const found: string[] = []
  if (url.password !== '') found.push(url.password, safeDecode(url.password))
  for (const [name, value] of url.searchParams) {
    if (SECRET_PARAMETER_NAMES.has(name.toLowerCase()) && value !== '') found.push(value)
  }
  return [...new Set(found)]
}

/**
 * The mask for one run's messages: {@link maskPasswords} plus every
 * configured credential wherever it appears (a driver echoing a password,
 * a password written without its URL).
 *
 * @example
 * const mask = new SecretMask(['postgres://app:hunter22@db/app'])
 * mask.apply('login failed: hunter22') // 'login failed: ***'
 */
export class SecretMask {
  readonly #secrets = new Set<string>()

  constructor(urls: readonly (string | undefined)[] = []) {
    for (const url of urls) this.addUrl(url)
  }

  /** Adds the credentials of a configured URL (nothing for undefined or a URL without any). */
  addUrl(url: string | undefined): void {
    if (url === undefined) return
    for (const secret of urlSecrets(url)) if (secret.length >= MIN_LITERAL_SECRET) this.#secrets.add(secret)
  }

  /** `text` with URL passwords, secret parameters and the configured credentials replaced by `***`. */
  apply(text: string): string {
    let masked = maskPasswords(text)
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) masked = masked.split(secret).join('***')
    return masked
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
