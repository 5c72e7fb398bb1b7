#!/usr/bin/env bash
# A tour of athanor on embedded SQLite: init, revisions with a branch and a
# merge, the graph commands, then upgrade/downgrade against a real database file.
# Run it with `npm run demo` (which builds first). Any failing step stops it.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/dist/cli/main.js"
work="$(mktemp -d "${TMPDIR:-/tmp}/athanor-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT

athanor() {
  printf '\n\033[1m$ athanor %s\033[0m\n' "$*"
  node "$cli" "$@"
}

cd "$work"
athanor init
cat > athanor.config.ts <<'CONFIG'
import { defineConfig } from 'athanor'

export default defineConfig({
  url: 'sqlite:./app.db',
  models: './src/models.ts',
})
CONFIG

# Revisions with real SQL bodies: the demo writes them through the CLI, then fills the bodies.
fill() { # fill <id> <upgrade sql> <downgrade sql>
  local file
  file="$(ls migrations/versions/"$1"_*.ts)"
  node -e '
    const fs = require("fs")
    const [file, up, down] = process.argv.slice(1)
    let text = fs.readFileSync(file, "utf8")
    const body = (sql) => `  await op.execute(${JSON.stringify(sql)})\n`
    text = text.replace(/(export async function upgrade\(op: Operations\)[^{]*\{\n)([\s\S]*?)(\n?\}\n)/, (_, a, _b, c) => a + body(up) + "}\n")
    text = text.replace(/(export async function downgrade\(op: Operations\)[^{]*\{\n)([\s\S]*?)(\n?\}\n)/, (_, a, _b, c) => a + body(down) + "}\n")
    fs.writeFileSync(file, text)
  ' "$file" "$2" "$3"
}

athanor revision -m "create account" --rev-id 1a00c0ffee01
fill 1a00c0ffee01 "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL)" "DROP TABLE account"
athanor revision -m "add email" --rev-id 2b00c0ffee02
fill 2b00c0ffee02 "ALTER TABLE account ADD COLUMN email TEXT" "ALTER TABLE account DROP COLUMN email"
athanor revision -m "create invoice" --rev-id 3c00c0ffee03
fill 3c00c0ffee03 "CREATE TABLE invoice (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account(id))" "DROP TABLE invoice"
athanor revision -m "create audit log" --head 2b00c0ffee02 --splice --rev-id 4d00c0ffee04
fill 4d00c0ffee04 "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, entry TEXT)" "DROP TABLE audit_log"

athanor heads
printf '\n(two heads: a new revision now needs --head, or a merge)\n'
athanor merge -m "merge invoice and audit" --rev-id 5e00c0ffee05
athanor heads
athanor history
athanor branches
athanor show 5e00
athanor graph
athanor graph --format mermaid

athanor upgrade head
athanor current
athanor history --indicate-current
athanor graph --indicate-current
athanor downgrade 2b00c0ffee02
athanor downgrade
athanor current
athanor downgrade base
athanor current
athanor --json upgrade 3c00
athanor upgrade 4d00c0ffee04:head --sql
athanor downgrade base -q
printf '\ndemo finished in %s (now removed)\n' "$work"
