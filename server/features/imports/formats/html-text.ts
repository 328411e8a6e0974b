// GoGoCarto's forms write descriptions with a rich-text editor, so its exports hold HTML. Entries hold
// Markdown (rendered sanitized), so the few tags such editors produce become Markdown and the rest is
// dropped; a text without tags is returned as it is.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  ecirc: 'ê',
  ocirc: 'ô',
  rsquo: '’',
  hellip: '…',
};

function decodeEntities(value: string): string {
  return value.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (match, code: string) => {
    if (code.startsWith('#')) {
      const n = code[1]?.toLowerCase() === 'x' ? Number.parseInt(code.slice(2), 16) : Number(code.slice(1));
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : match;
    }
    return ENTITIES[code.toLowerCase()] ?? match;
  });
}

const TAG = /<\/?(p|br|div|span|a|strong|b|em|i|u|ul|ol|li|h[1-6]|img|font)(\s[^>]*)?\/?>/i;
const ANY_TAG = /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/gi;

/** HTML as Markdown: paragraphs, line breaks, lists, bold, italics and http(s) links; other tags dropped. */
export function htmlToMarkdown(value: string): string {
  // Only real tags count: a Markdown autolink (`<https://…>`) is not one.
  if (!TAG.test(value)) return value;
  const markdown = value
    .replace(/\r\n?/g, '\n')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|ul|ol)>/gi, '\n\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<(strong|b)\b[^>]*>([\s\S]*?)<\/\1>/gi, '**$2**')
    .replace(/<(em|i)\b[^>]*>([\s\S]*?)<\/\1>/gi, '*$2*')
    .replace(
      /<a\b[^>]*href\s*=\s*["']([^"']*)["'][^>]*>([\s\S]*?)<\/a>/gi,
      (_m, href: string, label: string) =>
        /^https?:\/\//i.test(href) ? `[${label.trim() || href}](${href})` : label,
    )
    .replace(ANY_TAG, '');
  return decodeEntities(markdown)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
