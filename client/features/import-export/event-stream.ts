/** One Server-Sent Event: its name (`message` when the server gave none) and its data. */
export interface StreamEvent {
  event: string;
  data: string;
}

/**
 * Splits Server-Sent Events text into events as it arrives. Fed chunk by chunk, it keeps an incomplete
 * event until the blank line that ends it; comments (`: heartbeat`) and ids are skipped.
 */
export class EventStreamParser {
  private buffer = '';

  push(chunk: string): StreamEvent[] {
    // Normalised on the whole buffer, so a CRLF split between two chunks still counts as one line end.
    this.buffer = (this.buffer + chunk).replace(/\r\n/g, '\n');
    const events: StreamEvent[] = [];
    let end = this.buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event = parseBlock(block);
      if (event) events.push(event);
      end = this.buffer.indexOf('\n\n');
    }
    return events;
  }
}

function parseBlock(block: string): StreamEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/**
 * Reads an event stream with fetch rather than EventSource, because EventSource cannot send the
 * `Authorization` header the import routes need. Resolves when the stream ends; rejects on a failed answer.
 */
export async function readEventStream(
  url: string,
  headers: Record<string, string>,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`event stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.push(value)) onEvent(event);
  }
}
