/**
 * A gzipped ustar archive of regular files, as `npm pack` and `cargo package` make them: what the
 * fake npm and Cargo registries serve. Paths up to 100 bytes (no long-name extension).
 */
import { gzipSync } from 'node:zlib'

export function gzippedTar(
  files: ReadonlyArray<readonly [path: string, text: string]>,
  mtimeSeconds = 0
): Buffer {
  const blocks: Buffer[] = []
  for (const [path, text] of files) {
    const body = Buffer.from(text, 'utf8')
    blocks.push(
      tarHeader(path, body.length, mtimeSeconds),
      body,
      Buffer.alloc((512 - (body.length % 512)) % 512)
    )
  }
  blocks.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(blocks))
}

/** A ustar header for a regular file. */
function tarHeader(path: string, size: number, mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(path) > 100) throw new Error(`tar path too long for this writer: ${path}`)
  const header = Buffer.alloc(512)
  const field = (offset: number, length: number, value: string): void => {
    header.write(value, offset, length, 'utf8')
  }
  const octal = (offset: number, length: number, value: number): void =>
    field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`)
  field(0, 100, path)
  octal(100, 8, 0o644)
  octal(108, 8, 0)
  octal(116, 8, 0)
  octal(124, 12, size)
  octal(136, 12, mtimeSeconds)
  field(148, 8, '        ')
  field(156, 1, '0')
  field(257, 6, 'ustar\0')
  field(263, 2, '00')
  let sum = 0
  for (const byte of header) sum += byte
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `)
  return header
}
