/** The document id of SPEC: front matter id, else the relative path without extension, lower-cased, unsafe characters as "-". */
export function docIdFromPath(relPath: string): string {
  return relPath
    .replace(/\\/g, '/')
    .replace(/\.(txt|md)$/i, '')
    .toLowerCase()
    .split('/')
    .map(seg => seg.replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || '-')
    .join('/');
}
