/**
 * The revision DAG as a diagram source: Mermaid, Graphviz DOT, or a
 * self-contained HTML page. Edges run parent → child; dependencies are dashed;
 * heads, branch points, merge points and current revisions are marked.
 */
import type { HistoryEntry } from '../../api.js'

/**
 * Mermaid flowchart, base at the top.
 *
 * @example
 * renderMermaid(await athanor.history({ indicateCurrent: true }))
 * // flowchart TD
 * //   r_1f3c…["1f3c…<br/>create users"]
 * //   r_1f3c… --> r_9c0d…
 */
export function renderMermaid(entries: readonly HistoryEntry[]): string {
  const lines = ['flowchart TD']
  const oldestFirst = [...entries].reverse()
  for (const e of oldestFirst) {
    lines.push(`  ${nodeId(e.revision)}["${mermaidText(`${e.revision}${marks(e)}`)}<br/>${mermaidText(e.message)}"]`)
  }
  for (const e of oldestFirst) {
    for (const parent of e.downRevisions) lines.push(`  ${nodeId(parent)} --> ${nodeId(e.revision)}`)
    for (const dep of e.dependsOn) if (known(entries, dep)) lines.push(`  ${nodeId(dep)} -.->|depends on| ${nodeId(e.revision)}`)
  }
  const classes: Array<[string, (e: HistoryEntry) => boolean, string]> = [
    ['head', (e) => e.isHead, 'stroke-width:3px'],
    ['mergepoint', (e) => e.isMergePoint, 'stroke-dasharray:4 2'],
    ['branchpoint', (e) => e.isBranchPoint, 'stroke:#2a6fdb'],
    ['current', (e) => e.isCurrent, 'fill:#ffe08a'],
  ]
  for (const [name, test, style] of classes) {
    const members = oldestFirst.filter(test).map((e) => nodeId(e.revision))
    if (members.length === 0) continue
    lines.push(`  classDef ${name} ${style}`)
    lines.push(`  class ${members.join(',')} ${name}`)
  }
  return lines.join('\n')
}

/**
 * Graphviz DOT digraph (`dot -Tsvg` renders it).
 *
 * @example
 * renderDot(entries) // 'digraph revisions {\n  rankdir=TB\n …'
 */
export function renderDot(entries: readonly HistoryEntry[]): string {
  const lines = ['digraph revisions {', '  rankdir=TB', '  node [shape=box, fontname="monospace"]']
  const oldestFirst = [...entries].reverse()
  for (const e of oldestFirst) {
    const attrs = [`label="${dotText(`${e.revision}${marks(e)}\n${e.message}`)}"`]
    if (e.isCurrent) attrs.push('style=filled', 'fillcolor="#ffe08a"')
    if (e.isHead) attrs.push('penwidth=3')
    if (e.isMergePoint || e.isBranchPoint) attrs.push('shape=hexagon')
    lines.push(`  "${e.revision}" [${attrs.join(', ')}]`)
  }
  for (const e of oldestFirst) {
    for (const parent of e.downRevisions) lines.push(`  "${dotText(parent)}" -> "${e.revision}"`)
    for (const dep of e.dependsOn) {
      if (known(entries, dep)) lines.push(`  "${dotText(dep)}" -> "${e.revision}" [style=dashed, label="depends on"]`)
    }
  }
  lines.push('}')
  return lines.join('\n')
}

/**
 * A standalone HTML page: the Mermaid diagram (rendered by Mermaid from a CDN
 * when online) and the text graph, which reads fine offline.
 */
export function renderHtml(entries: readonly HistoryEntry[], textGraph: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>athanor revisions</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}pre.text{background:#f6f6f6;padding:1rem;overflow:auto}</style>
</head>
<body>
<h1>Revisions (${entries.length})</h1>
<pre class="mermaid">
${htmlText(renderMermaid(entries))}
</pre>
<details><summary>Text graph</summary>
<pre class="text">${htmlText(textGraph)}</pre>
</details>
<script type="module">
import mermaid from 'https://cdn.jsdelivr.net/npm/mermaid@11/dist/mermaid.esm.min.mjs'
mermaid.initialize({ startOnLoad: true, maxEdges: 100000, maxTextSize: 10000000 })
</script>
</body>
</html>
`
}

function marks(e: HistoryEntry): string {
  return [
    e.branchLabels.length > 0 ? ` (${e.branchLabels.join(', ')})` : '',
    e.isHead ? ' (head)' : '',
    e.isCurrent ? ' (current)' : '',
    e.isBranchPoint ? ' (branchpoint)' : '',
    e.isMergePoint ? ' (mergepoint)' : '',
  ].join('')
}

function known(entries: readonly HistoryEntry[], id: string): boolean {
  // A dependency given as a branch label has no node of its own.
  return entries.some((e) => e.revision === id)
}

function nodeId(id: string): string {
  return `r_${id.replace(/[^A-Za-z0-9_]/g, '_')}`
}

function mermaidText(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, ' ')
}

function dotText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
