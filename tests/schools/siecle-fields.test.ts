/** Unit tests of the field rules both layouts share. */
import { describe, expect, it } from 'vitest';
import { frenchDateToIso, optional } from '../../src/schools/siecle/fields.js';
import { formatSize, limitBytes } from '../../src/schools/siecle/limits.js';
import { SiecleFileError } from '../../src/schools/siecle/types.js';

describe('frenchDateToIso', () => {
  it.each([
    ['28/07/2014', '2014-07-28'],
    ['29/02/2012', '2012-02-29'],
    ['5/6/2013', '2013-06-05'],
    [' 01/01/2010 ', '2010-01-01'],
  ])('reads %j as %j', (text, iso) => {
    expect(frenchDateToIso(text)).toBe(iso);
  });

  it.each(['29/02/2013', '31/04/2013', '00/01/2013', '12/13/2013', '2013-03-12', '12/03/13', '12-03-2013', '', 'demain'])(
    'refuses %j',
    (text) => {
      expect(frenchDateToIso(text)).toBeNull();
    },
  );
});

describe('optional', () => {
  it('treats blank as absent and trims the rest', () => {
    expect(optional(undefined)).toBeNull();
    expect(optional('  ')).toBeNull();
    expect(optional(' Léa ')).toBe('Léa');
  });
});

describe('formatSize', () => {
  it.each([
    [40 * 1024, '40 Ko'],
    [2.5 * 1024 * 1024, '2,5 Mo'],
    [20 * 1024 * 1024, '20 Mo'],
    [21 * 1024 * 1024, '21 Mo'],
  ])('writes %d bytes as %j', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it.each([
    [40 * 1024, '40 KB'],
    [2.5 * 1024 * 1024, '2.5 MB'],
    [21 * 1024 * 1024, '21 MB'],
  ])('writes %d bytes as %j in English', (bytes, text) => {
    expect(formatSize(bytes, 'en')).toBe(text);
  });
});

describe('limitBytes', () => {
  it('passes chunks through until the limit is crossed, then refuses', async () => {
    async function* chunks() {
      yield Buffer.alloc(600);
      yield Buffer.alloc(600);
    }
    const seen: number[] = [];

    const reading = (async () => {
      for await (const chunk of limitBytes(chunks(), 1000, () => new SiecleFileError('file_too_big', 'trop gros', 'too big'))) seen.push(chunk.length);
    })();

    await expect(reading).rejects.toMatchObject({ code: 'file_too_big' });
    expect(seen).toEqual([600]);
  });
});
