// uMap's popup text is Markdown-like (`**bold**`, `*italic*`, `# title`, `* item`, `---` read the same),
// except for links, images and frames, which use a wiki syntax. Entries hold Markdown, so those three
// are rewritten; everything else is kept as written.

const LINK_WITH_LABEL = /\[\[([^\]|]+?)\|([^\]]*?)\]\]/g;
const BARE_LINK = /\[\[([^\]|]+?)\]\]/g;
const FRAME = /\{\{\{([^}|]+?)(\|[^}]*)?\}\}\}/g;
const IMAGE = /\{\{([^}|]+?)(\|[^}]*)?\}\}/g;

/** uMap rich text as Markdown: `[[url|label]]` → `[label](url)`, `{{image}}` → `![](image)`. */
export function umapTextToMarkdown(value: string): string {
  if (!value.includes('[[') && !value.includes('{{')) return value;
  return value
    .replace(FRAME, (_m, url: string) => `<${url.trim()}>`)
    .replace(IMAGE, (_m, url: string) => `![](${url.trim()})`)
    .replace(LINK_WITH_LABEL, (_m, url: string, label: string) =>
      label.trim() ? `[${label.trim()}](${url.trim()})` : `<${url.trim()}>`,
    )
    .replace(BARE_LINK, (_m, url: string) => `<${url.trim()}>`);
}

/** Fills `{key}` placeholders of a uMap template (a `labelKey` such as `{nom} ({ville})`). */
export function fillTemplate(template: string, properties: Record<string, unknown>): string {
  return template
    .replace(/\{([^{}]+)\}/g, (_m, key: string) => {
      const value = properties[key.trim()];
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    })
    .trim();
}
