import { expect } from '@open-wc/testing';
import { parseDirectory } from '../../src/specialist-directory/data.js';
import { matches, words } from '../../src/specialist-directory/search.js';

const mail = { type: 'journal-mail', recipient: 'Учитель' };
const entry = (id: string, extra: object = {}) => ({ id, kind: 'other', name: id, channels: [mail], ...extra });
const summary = (json: unknown) => {
  const { entries, problems, timeZone } = parseDirectory(json);
  return {
    ids: entries.map((e) => e.s.id),
    problems: problems.map((p) => `${p.entry}|${p.field}|${p.issue.key}${p.channel ? '|channel' : ''}`),
    timeZone,
  };
};

describe('specialists data', () => {
  it('sorts valid entries by kind in the regulation’s order, keeping the file’s order within a kind', () => {
    const json = {
      version: 1,
      timeZone: 'Asia/Vladivostok',
      specialists: [entry('o1'), entry('t', { kind: 'experienced-teacher' }), entry('v', { kind: 'vendor-support' }), entry('o2')],
    };
    expect(summary(json)).to.deep.equal({ ids: ['v', 't', 'o1', 'o2'], problems: [], timeZone: 'Asia/Vladivostok' });
  });

  it('drops only a bad channel and keeps the specialist', () => {
    const json = { version: 1, specialists: [entry('a', { channels: [mail, { type: 'link', url: 'javascript:alert(1)', label: 'x' }] })] };
    expect(summary(json).ids).to.deep.equal(['a']);
    expect(summary(json).problems).to.deep.equal(['#1 (a)|channels.1.url|validation.url|channel']);
    expect(parseDirectory(json).entries[0]!.s.channels).to.deep.equal([mail]);
  });

  it('gives one problem for a skipped entry, even when its channels were bad too', () => {
    const json = { version: 1, specialists: [entry('a', { name: '', channels: [mail, { type: 'pigeon' }] }), entry('b', { channels: [{ type: 'email', address: 'x' }] })] };
    expect(summary(json).problems).to.deep.equal(['#1 (a)|name|validation.required', '#2 (b)|channels.0.address|validation.email']);
    expect(summary(json).ids).to.deep.equal([]);
  });

  it('names envelope problems and still reads a list that is there', () => {
    expect(summary({ version: 1, timeZone: 'Mars/Olympus', specialists: [entry('a')] })).to.deep.equal({
      ids: ['a'],
      problems: ['|timeZone|validation.timeZone'],
      timeZone: undefined,
    });
    expect(summary({ specialists: 'none' }).problems).to.deep.equal(['|version|validation.exactly', '|specialists|validation.array']);
    expect(summary([entry('a')]).problems, 'a bare list instead of the envelope').to.deep.equal(['||validation.object']);
    expect(summary(null).ids).to.deep.equal([]);
  });

  it('searches the text of names, positions and channels, folded', () => {
    const json = { version: 1, specialists: [entry('a', { name: 'Семёнова', position: 'Учитель', channels: [{ type: 'in-person', place: 'Каб. 12' }] })] };
    expect(parseDirectory(json).entries[0]!.text).to.include('семенова учитель каб. 12');
  });

  it('finds a name typed with Latin look-alike letters and a phone typed as bare digits', () => {
    const phone = { type: 'phone', number: '+7 (343) 123-45-67' };
    const json = { version: 1, specialists: [entry('a', { name: 'Семёнова Анна', channels: [phone] }), entry('b', { name: 'Ёлкин Пётр' })] };
    const { entries } = parseDirectory(json);
    const found = (query: string) => entries.filter((e) => matches(e.text, words(query))).map((e) => e.s.id);
    expect(found('Ceмёнова'), 'Latin C and e').to.deep.equal(['a']);
    expect(found('CEMEHOBA'), 'all Latin capitals').to.deep.equal(['a']);
    expect(found('+73431234567')).to.deep.equal(['a']);
    expect(found('(343) 123 45 67')).to.deep.equal(['a']);
    expect(found('123-45')).to.deep.equal(['a']);
    expect(found('елкин')).to.deep.equal(['b']);
    expect(found('Петров')).to.deep.equal([]);
  });

  it('finds a phone with an extension by the main number’s digits, and by the extension as written', () => {
    const phone = { type: 'phone', number: '+7 (4862) 55-12-34 доб. 214' };
    const { entries } = parseDirectory({ version: 1, specialists: [entry('a', { channels: [phone] })] });
    const found = (query: string) => entries.filter((e) => matches(e.text, words(query))).map((e) => e.s.id);
    expect(found('+74862551234')).to.deep.equal(['a']);
    expect(found('(4862) 55-12-34')).to.deep.equal(['a']);
    expect(found('доб. 214')).to.deep.equal(['a']);
    expect(found('1234214'), 'the extension is not glued to the number').to.deep.equal([]);
  });
});
