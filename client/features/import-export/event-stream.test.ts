import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './event-stream';

describe('EventStreamParser', () => {
  it('keeps an event cut between two chunks until its blank line', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: progress\ndata: {"a"')).toEqual([]);
    expect(parser.push(':1}\n\n: heartbeat\n\nevent: end\r\ndata: {}\r\n\r\n')).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'end', data: '{}' },
    ]);
  });

  it('joins multi-line data and names an unnamed event `message`', () => {
    expect(new EventStreamParser().push('id: 3\ndata: one\ndata: two\n\n')).toEqual([
      { event: 'message', data: 'one\ntwo' },
    ]);
  });
});
