/** A minimal Atom 1.0 (RFC 4287) writer: what feed readers in administrations need, escaped properly. */
export interface AtomEntry {
  id: string
  title: string
  updated: string
  link: string
  summary: string
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '\'': '&apos;', '"': '&quot;' })[c]!)
// Characters XML 1.0 does not allow at all are dropped rather than escaped.
const xmlText = (text: string) => escapeXml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''))

export function atomFeed(feed: { id: string, title: string, selfLink: string, alternateLink: string, updated: string, entries: AtomEntry[] }): string {
  const entries = feed.entries.map(entry => `  <entry>
    <id>${xmlText(entry.id)}</id>
    <title>${xmlText(entry.title)}</title>
    <updated>${xmlText(entry.updated)}</updated>
    <link rel="alternate" type="text/html" href="${xmlText(entry.link)}"/>
    <summary type="text">${xmlText(entry.summary)}</summary>
  </entry>`).join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
  <id>${xmlText(feed.id)}</id>
  <title>${xmlText(feed.title)}</title>
  <updated>${xmlText(feed.updated)}</updated>
  <author><name>Kommunaler App-Store</name></author>
  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfLink)}"/>
  <link rel="alternate" type="text/html" href="${xmlText(feed.alternateLink)}"/>
${entries}
</feed>
`
}
