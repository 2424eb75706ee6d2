/**
 * The Maven settings text the maven format writes: the `<server>` entries (user `token`, password
 * `${env.CLOUDSMITH_API_KEY}`, which Maven expands when it reads the settings, so the file never
 * holds the key), put into a copy of the Maven installation's global settings. Also reads the
 * server ids a settings file already has. Pure.
 */
import { escapeXml, scanXml, type XmlElement } from './maven-xml.js'

/** A `<server>` this step adds: Maven matches it to repositories by id alone. */
export interface MavenServer {
  readonly id: string
  readonly username: string
  /** The password as written: a `${env.NAME}` reference, never the key. */
  readonly password: string
}

const SERVERS = ['settings', 'servers']
const SERVER_ID = ['settings', 'servers', 'server', 'id']

function isAt(element: XmlElement, path: readonly string[]): boolean {
  return element.path.length === path.length && element.path.every((name, i) => name === path[i])
}

/** The ids of the `<server>` entries of a settings file, or what makes it unreadable. */
export function serverIds(text: string): readonly string[] | { readonly problem: string } {
  const elements = scanXml(text)
  if ('problem' in elements) return elements
  const root = elements[0]
  if (root?.path[0] !== 'settings') return { problem: 'its root element is not <settings>' }
  return elements.filter((element) => isAt(element, SERVER_ID)).map((e) => e.text.trim())
}

/** `<server>` elements, each value escaped, indented for a place inside `<servers>`. */
export function serverElements(servers: readonly MavenServer[], indent: string): string {
  const comment = `${indent}<!-- added by cloudsmith-oidc-action for this job; its post step removes this file -->`
  const entries = servers.map((server) =>
    [
      `${indent}<server>`,
      `${indent}  <id>${escapeXml(server.id)}</id>`,
      `${indent}  <username>${escapeXml(server.username)}</username>`,
      `${indent}  <password>${escapeXml(server.password)}</password>`,
      `${indent}</server>`
    ].join('\n')
  )
  return [comment, ...entries].join('\n')
}

/** A settings file holding only the servers. */
export function settingsWithServers(servers: readonly MavenServer[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
    '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
    '  <servers>',
    serverElements(servers, '    '),
    '  </servers>',
    '</settings>',
    ''
  ].join('\n')
}

/**
 * A copy of `original` (a settings file) with the servers added: into its `<servers>`, or in a
 * new `<servers>` at the top of `<settings>`. Everything else is kept byte for byte. The caller
 * has checked that none of the ids is in it already.
 */
export function addServers(
  original: string,
  servers: readonly MavenServer[]
): string | { readonly problem: string } {
  const elements = scanXml(original)
  if ('problem' in elements) return elements
  const root = elements[0]
  if (root?.path[0] !== 'settings') return { problem: 'its root element is not <settings>' }
  const list = elements.find((element) => isAt(element, SERVERS))
  const splice = (from: number, to: number, text: string): string =>
    original.slice(0, from) + text + original.slice(to)
  const block = `<servers>\n${serverElements(servers, '    ')}\n  </servers>`
  if (list === undefined && root.selfClosing) {
    const tag = original.slice(root.start, root.end).replace(/\s*\/>$/, '>')
    return splice(root.start, root.end, `${tag}\n  ${block}\n</settings>`)
  }
  if (list === undefined) return splice(root.openEnd, root.openEnd, `\n  ${block}`)
  if (list.selfClosing) return splice(list.start, list.end, block)
  return splice(list.openEnd, list.openEnd, `\n${serverElements(servers, '    ')}`)
}
