/** A short lowercase slug from English text: "Block storage latency!" → "block-storage-latency". */
export function slugify(text: string, maxWords = 6): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/[\s-]+/)
    .filter((w) => w && !['a', 'an', 'the', 'of', 'on', 'in', 'for', 'to', 'and'].includes(w))
    .slice(0, maxWords)
    .join('-');
}
