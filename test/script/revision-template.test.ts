import { describe, expect, it } from 'vitest'
import { escapeDocMessage, headerLiteral, quoteString, renderTemplate, type TemplateValues } from '../../src/script/revision-template.js'

const values: TemplateValues = {
  message: 'add users',
  revision: 'ab12cd34ef56',
  downRevision: 'null',
  branchLabels: 'null',
  dependsOn: 'null',
  revises: '',
  createDate: '2026-11-22T19:40:00.000Z',
  imports: '',
  upgradeBody: '// up',
  downgradeBody: '// down',
}

describe('renderTemplate', () => {
  it('replaces known placeholders and leaves other ${…} as written', () => {
    expect(renderTemplate("const id = '${revision}'\nconst s = `${other} ${ revision }`", values)).toBe(
      "const id = 'ab12cd34ef56'\nconst s = `${other} ab12cd34ef56`",
    )
  })

  it('never replaces placeholders that appear inside a value', () => {
    expect(renderTemplate('${message}', { ...values, message: 'use ${revision}' })).toBe('use ${revision}')
  })

  it('drops a line whose placeholders are all empty', () => {
    expect(renderTemplate('a\n${imports}\nb', values)).toBe('a\nb')
  })

  it('keeps the line when the placeholder is empty but other text remains, without trailing spaces', () => {
    expect(renderTemplate(' * Revises: ${revises}\n', values)).toBe(' * Revises:\n')
  })

  it('indents every line of a multi-line body like the placeholder line, leaving blank lines empty', () => {
    expect(renderTemplate('{\n  ${upgradeBody}\n}', { ...values, upgradeBody: 'one()\n\ntwo()' })).toBe('{\n  one()\n\n  two()\n}')
  })

  it('continues a multi-line message inside the doc comment', () => {
    expect(renderTemplate('/**\n * ${message}\n */', { ...values, message: 'first\nsecond' })).toBe('/**\n * first\n * second\n */')
  })

  it('does not repeat a prefix that holds code', () => {
    expect(renderTemplate('x = ${upgradeBody}', { ...values, upgradeBody: 'a\nb' })).toBe('x = a\nb')
  })

  it('writes CRLF when the template uses CRLF', () => {
    expect(renderTemplate('a ${revision}\r\nb\r\n', values)).toBe('a ab12cd34ef56\r\nb\r\n')
  })
})

describe('header literals', () => {
  it('render null, a single id as a string for downRevision, and lists', () => {
    expect(headerLiteral([], true)).toBe('null')
    expect(headerLiteral(['a1'], true)).toBe("'a1'")
    expect(headerLiteral(['a1'], false)).toBe("['a1']")
    expect(headerLiteral(['a1', 'b2'], true)).toBe("['a1', 'b2']")
  })

  it('quote strings so the header parser reads them back', () => {
    expect(quoteString("it's \\ here\n")).toBe("'it\\'s \\\\ here\\n'")
  })
})

describe('escapeDocMessage', () => {
  it('escapes a comment end and normalizes line breaks', () => {
    expect(escapeDocMessage('a */ b\r\nc  ')).toBe('a *\\/ b\nc')
  })
})
