import { describe, expect, it } from 'vitest';
import { readCefactDate, readXsdDate } from './dates.js';

describe('readCefactDate (udt:DateTimeString)', () => {
  it.each([
    ['20180101', null, '2018-01-01'],
    ['20180101', '102', '2018-01-01'],
    [' 20240229 ', '102', '2024-02-29'],
    ['2018-04-18', null, '2018-04-18'],
    ['201801011230', '203', '2018-01-01'],
    ['20180101123059', '204', '2018-01-01'],
    ['201801011230+0100', '205', '2018-01-01'],
  ])('reads %j with format %j as %s', (text, format, iso) => {
    expect(readCefactDate(text, format)).toEqual({ iso, problem: null });
  });

  it.each([
    ['20181345', null, 'CCYYMMDD'],
    ['20230229', '102', 'CCYYMMDD'],
    ['2018-13-45', null, 'CCYYMMDD'],
    ['18/04/2018', '102', 'CCYYMMDD'],
    ['', null, 'CCYYMMDD'],
  ])('says %j (format %j) names no day, quoting it', (text, format, expected) => {
    const r = readCefactDate(text, format);
    expect(r.iso).toBeNull();
    expect(r.problem?.en).toContain(`'${text.trim()}'`);
    expect(r.problem?.en).toContain(expected);
    expect(r.problem?.fr).toContain(`« ${text.trim()} »`);
  });

  it('says a month (610) or a week (616) names no day', () => {
    expect(readCefactDate('201804', '610').problem?.en).toBe(`'201804' (format 610, CCYYMM) does not name a day`);
    expect(readCefactDate('201816', '616').iso).toBeNull();
  });

  it('names an unknown format', () => {
    expect(readCefactDate('20180101', '999').problem?.en).toContain('date format 999');
  });
});

describe('readXsdDate (UBL)', () => {
  it.each([
    ['2018-01-01', '2018-01-01'],
    ['2018-01-01Z', '2018-01-01'],
    ['2018-01-01+02:00', '2018-01-01'],
    ['2000-02-29', '2000-02-29'],
  ])('reads %j as %s', (text, iso) => expect(readXsdDate(text)).toEqual({ iso, problem: null }));

  it.each(['20180101', '2018-02-30', '1900-02-29', '2018-1-1', 'tomorrow'])('says %j names no day', (text) => {
    expect(readXsdDate(text).iso).toBeNull();
    expect(readXsdDate(text).problem?.en).toContain('YYYY-MM-DD');
  });
});
