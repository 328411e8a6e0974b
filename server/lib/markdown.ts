import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Markdown is stored as the contributor wrote it and served as HTML that cannot run anything: markdown-it
// with raw HTML disabled (and its own refusal of javascript:/vbscript:/data: links), then an allowlist
// sanitizer as a second, independent fence.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: {
    // Contributors' links are not endorsements, and must not reach back into the opener.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer' }),
    // No request leaves for a third-party host by default (DESIGN §6): an image becomes a link to it.
    img: (_tag, attribs) => ({
      tagName: 'a',
      attribs: { href: attribs.src ?? '', rel: 'nofollow ugc noopener noreferrer' },
      text: attribs.alt || attribs.src || '',
    }),
  },
};

const cache = new Map<string, string>();
const CACHE_SIZE = 5_000;

/** Markdown rendered to sanitized HTML; the empty string for an empty text. */
export function renderMarkdown(text: string): string {
  if (!text.trim()) return '';
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const html = sanitizeHtml(markdown.render(text), SANITIZE).trim();
  // A small insertion-ordered cache: list pages render the same descriptions again and again.
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, html);
  return html;
}
