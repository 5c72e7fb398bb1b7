#!/usr/bin/env node
/**
 * Adds to package-lock.json the entries of optional, platform-specific packages
 * that npm leaves out when the registry it uses does not serve them, so that
 * `npm ci` accepts the lock on every machine and a fresh `npm install` leaves it
 * as it is. Each added entry carries only what npm needs to skip the package on
 * other platforms: its version, `optional: true`, and the `os`/`cpu`/`libc` read
 * from the registry or, when the registry lacks it, from the package's name.
 *
 * @example
 * node scripts/complete-lock.mjs   # run after `npm install <pkg>`; then `npm ci` must pass
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'

const LOCK = 'package-lock.json'
const lock = JSON.parse(readFileSync(LOCK, 'utf8'))
const packages = lock.packages

const OS_WORDS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', win32: 'win32', openharmony: 'openharmony', netbsd: 'netbsd', openbsd: 'openbsd', sunos: 'sunos', aix: 'aix' }
const CPU_WORDS = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', loong64: 'loong64', mips64el: 'mips64el', wasm32: 'wasm32' }

/** os/cpu/libc from the registry when it has the version, else from the name (`…-linux-x64-gnu`). */
function platformOf(name, version) {
  try {
    const out = execFileSync('npm', ['view', `${name}@${version}`, 'os', 'cpu', 'libc', 'license', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    const meta = JSON.parse(out)
    if (meta && (meta.os || meta.cpu)) return meta
  } catch {}
  const words = name.split('/').pop().split(/[-_]/)
  const os = words.find((w) => OS_WORDS[w])
  const cpuWord = words.find((w) => CPU_WORDS[w]) ?? (words.includes('eabi') || words.includes('gnueabihf') || words.includes('musleabihf') ? 'arm' : undefined)
  const libc = words.some((w) => w.startsWith('musl')) ? 'musl' : words.some((w) => w.startsWith('gnu')) ? 'glibc' : undefined
  if (os === undefined && cpuWord === undefined) return undefined
  return { ...(os ? { os } : {}), ...(cpuWord ? { cpu: cpuWord } : {}), ...(libc && os === 'linux' ? { libc } : {}) }
}

const asList = (v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])
let added = 0
for (const [path, entry] of Object.entries(packages)) {
  if (path === '' || entry.optionalDependencies === undefined) continue
  const base = path.slice(0, path.lastIndexOf('node_modules/'))
  for (const [name, range] of Object.entries(entry.optionalDependencies)) {
    const key = `${base}node_modules/${name}`
    if (packages[key] !== undefined || packages[`node_modules/${name}`] !== undefined) continue
    const version = range.replace(/^[\^~=]/, '')
    const meta = platformOf(name, version)
    if (meta === undefined) continue
    packages[key] = {
      version,
      ...(meta.cpu ? { cpu: asList(meta.cpu) } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(meta.libc ? { libc: asList(meta.libc) } : {}),
      ...(meta.license ? { license: meta.license } : {}),
      optional: true,
      ...(meta.os ? { os: asList(meta.os) } : {}),
    }
    added += 1
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`added ${added} platform entries to ${LOCK}`)
