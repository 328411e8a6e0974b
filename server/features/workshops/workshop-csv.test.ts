import { describe, expect, it } from 'vitest';
import { csvCell } from './workshop-csv';

describe('csvCell', () => {
  it('neutralizes text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+33 1 23 45 67 89')).toBe("'+33 1 23 45 67 89");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
  });

  it('keeps numbers as numbers, even negative ones', () => {
    expect(csvCell(-1.55)).toBe('-1.55');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('le "Bon" coin')).toBe('"le ""Bon"" coin"');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell(null)).toBe('');
  });
});
