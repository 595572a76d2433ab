import { describe, expect, it } from 'vitest';
import { SaxesParser } from 'saxes';
import { S_ATTRIB_VALUE_QUOTED, S_ATTRIB_VALUE_UNQUOTED, S_CDATA, S_TEXT, saxesInternals } from './xml-saxes.js';

/** A parser set up as the XML reader sets it up (positions, no xmlns), errors collected. */
function parser(): { p: SaxesParser<{ position: true }>; texts: string[]; cdata: string[]; errors: string[] } {
  const p = new SaxesParser({ position: true });
  const texts: string[] = [];
  const cdata: string[] = [];
  const errors: string[] = [];
  p.on('text', (t) => texts.push(t));
  p.on('cdata', (t) => cdata.push(t));
  p.on('error', (e) => errors.push(e.message));
  return { p, texts, cdata, errors };
}

// The XML reader reads saxes' private `state` and `text` between writes (xml-saxes.ts). These
// tests fail when a saxes version renames them or changes what they hold.
describe('the saxes internals the XML reader reads', () => {
  it('text inside an element: S_TEXT, the characters so far in `text`', () => {
    const { p } = parser();
    p.write('<r>abc');
    expect(saxesInternals(p)).toMatchObject({ state: S_TEXT, text: 'abc' });
  });

  it('emptying `text` between writes drops what was accumulated (how attachment text is drained)', () => {
    const { p, texts } = parser();
    p.write('<r>abc');
    saxesInternals(p).text = '';
    p.write('def</r>');
    p.close();
    expect(texts).toEqual(['def']);
  });

  it('CDATA: S_CDATA, its content so far in `text`', () => {
    const { p, cdata } = parser();
    p.write('<r><![CDATA[xyz');
    expect(saxesInternals(p)).toMatchObject({ state: S_CDATA, text: 'xyz' });
    p.write(']]></r>');
    p.close();
    expect(cdata).toEqual(['xyz']);
  });

  it('a quoted attribute value: S_ATTRIB_VALUE_QUOTED, the value so far in `text`', () => {
    const { p } = parser();
    p.write('<r a="hello');
    expect(saxesInternals(p)).toMatchObject({ state: S_ATTRIB_VALUE_QUOTED, text: 'hello' });
  });

  it('an unquoted attribute value: S_ATTRIB_VALUE_UNQUOTED, the value so far in `text`', () => {
    const { p, errors } = parser();
    p.write('<r a=hello');
    expect(saxesInternals(p)).toMatchObject({ state: S_ATTRIB_VALUE_UNQUOTED, text: 'hello' });
    expect(errors.join()).toMatch(/unquoted attribute value/);
  });

  it('between tags: S_TEXT, nothing pending in `text`', () => {
    const { p } = parser();
    p.write('<r><a b="c"/>');
    expect(saxesInternals(p)).toMatchObject({ state: S_TEXT, text: '' });
  });
});
