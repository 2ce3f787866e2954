import { expect } from '@open-wc/testing';
import { HelpRequest, validate, explainIssue, type FieldIssue } from '../../src/schema/index.js';

const consent = { accepted: true, version: '2025-09' };
const staff = {
  version: 1,
  role: 'staff',
  school: { journalUrl: 'https://kursk1506084570.eljur.ru', region: 'Курская область' },
  email: 'teacher@school.ru',
  description: 'Не сохраняются оценки за 5 сентября в 7А.',
  consent,
};
const parent = {
  version: 1,
  role: 'parent',
  school: { journalUrl: 'https://kursk1506084570.eljur.ru' },
  fullName: 'Иванова Мария Петровна',
  childClass: '7А',
  description: 'Не вижу домашнее задание в дневнике сына.',
  consent,
};

type Json = Record<string, unknown>;
const without = (obj: Json, ...path: string[]): Json => {
  const copy = structuredClone(obj);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  delete node[path.at(-1)!];
  return copy;
};
const withValue = (obj: Json, path: string[], value: unknown): Json => {
  const copy = structuredClone(obj);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  node[path.at(-1)!] = value;
  return copy;
};
function issues(data: unknown): FieldIssue[] {
  const result = validate(HelpRequest, data);
  return result.ok ? [] : result.issues;
}
const at = (list: FieldIssue[], path: string) => list.filter((i) => i.path.join('.') === path).map((i) => i.key);

describe('HelpRequest schema', () => {
  it('accepts a complete request from staff, a parent and a student', () => {
    expect(issues(staff)).to.deep.equal([]);
    expect(issues(parent)).to.deep.equal([]);
    expect(issues({ ...parent, role: 'student', fullName: 'Иванов Пётр' })).to.deep.equal([]);
  });

  it('accepts the school by name and region instead of the journal address', () => {
    expect(issues(withValue(parent, ['school'], { name: 'ОКОУ «Курская школа-интернат»', region: 'Курская область' }))).to.deep.equal([]);
    expect(issues(withValue(staff, ['school'], { name: 'Школа № 1', region: 'Курская область' }))).to.deep.equal([]);
  });

  describe('staff', () => {
    for (const field of ['email', 'description']) {
      it(`requires ${field}`, () => expect(at(issues(without(staff, field)), field)).to.deep.equal(['validation.required']));
    }
    it('requires the region even with the journal address', () => {
      expect(at(issues(without(staff, 'school', 'region')), 'school.region')).to.deep.equal(['validation.required']);
    });
    it('requires the journal address or the school name', () => {
      expect(at(issues(withValue(staff, ['school'], { region: 'Курская область' })), 'school.journalUrl')).to.deep.equal([
        'validation.schoolOrJournal',
      ]);
    });
    it('rejects a malformed e-mail', () => {
      expect(at(issues(withValue(staff, ['email'], 'teacher@')), 'email')).to.deep.equal(['validation.email']);
    });
    it('does not take the fields of parents', () => {
      expect(at(issues({ ...staff, fullName: 'Иванов', childClass: '7А' }), '')).to.deep.equal(['validation.unknownKey']);
    });
  });

  describe('parents and students', () => {
    for (const field of ['fullName', 'childClass', 'description']) {
      it(`requires ${field}`, () => expect(at(issues(without(parent, field)), field)).to.deep.equal(['validation.required']));
    }
    it('require the journal address, or the school name together with the region', () => {
      expect(at(issues(withValue(parent, ['school'], {})), 'school.journalUrl')).to.deep.equal(['validation.schoolOrJournal']);
      expect(at(issues(withValue(parent, ['school'], { name: 'Школа № 1' })), 'school.journalUrl')).to.deep.equal([
        'validation.schoolOrJournal',
      ]);
    });
    it('take an e-mail optionally, but only a valid one', () => {
      expect(issues({ ...parent, email: 'mama@mail.ru' })).to.deep.equal([]);
      expect(at(issues({ ...parent, email: 'mama at mail.ru' }), 'email')).to.deep.equal(['validation.email']);
    });
    // <input type="email"> hands over a .рф address in punycode; a script or the receiver may see it as typed.
    for (const idn of ['zavuch@xn--1-7sb3aeo2d.xn--p1ai', 'zavuch@школа1.рф', 'ivan.petrov@школа-1.курск.рф']) {
      it(`take an e-mail on an internationalised domain: ${idn}`, () => expect(at(issues({ ...staff, email: idn }), 'email')).to.deep.equal([]));
    }
    for (const bad of ['zavuch@школа1', 'zavuch@.рф', 'завуч@школа1.рф', 'a@b.c', 'a@xn--.xn--p1ai@x.ru', 'a@школа1.р1']) {
      it(`refuse the e-mail ${bad}`, () => expect(at(issues({ ...staff, email: bad }), 'email')).to.deep.equal(['validation.email']));
    }
    for (const good of ['1А', '7а', '11Б', '10 В', '5-Ё']) {
      it(`accept the class ${good}`, () => expect(at(issues({ ...parent, childClass: good }), 'childClass')).to.deep.equal([]));
    }
    for (const bad of ['0А', '12А', '7', 'А7', '7A', '7АБ', '7 класс']) {
      it(`reject the class ${bad}`, () =>
        expect(at(issues({ ...parent, childClass: bad }), 'childClass')).to.deep.equal(['validation.childClass']));
    }
  });

  describe('formats', () => {
    for (const url of ['https://kursk.eljur.ru/', 'https://Kursk.ElJur.ru/journal/', 'https://школа.рф', 'https://xn--80aaoi4a.xn--p1ai']) {
      it(`takes the journal address ${url}`, () => {
        expect(at(issues(withValue(parent, ['school', 'journalUrl'], url)), 'school.journalUrl')).to.deep.equal([]);
      });
    }
    for (const url of ['http://kursk.eljur.ru', 'kursk.eljur.ru', 'javascript:alert(1)', 'ftp://kursk.eljur.ru', 'https://kursk', 'https://kursk.eljur.ru,', 'https://kursk.eljur.r',
      'https:kursk.eljur.ru', 'https://kursk.el\tjur.ru', 'https://kursk.eljur.ru/\n<script>']) {
      it(`rejects the journal address ${url}`, () => {
        expect(at(issues(withValue(parent, ['school', 'journalUrl'], url)), 'school.journalUrl')).to.deep.equal(['validation.httpsUrl']);
      });
    }
    it('keeps a journal address pasted with spaces around, without them', () => {
      const result = validate(HelpRequest, withValue(parent, ['school', 'journalUrl'], '  https://kursk.eljur.ru/ \n'));
      expect(result.ok && result.data.school.journalUrl).to.equal('https://kursk.eljur.ru/');
    });
    it('needs at least 10 characters of description, ignoring spaces around', () => {
      const found = issues({ ...parent, description: '   коротко   ' });
      expect(found.find((i) => i.path[0] === 'description')).to.deep.include({ key: 'validation.tooShort', params: { min: 10 } });
    });
    it('takes at most 5000 characters of description', () => {
      expect(at(issues({ ...parent, description: 'а'.repeat(5000) }), 'description')).to.deep.equal([]);
      const found = issues({ ...parent, description: 'а'.repeat(5001) });
      expect(found.find((i) => i.path[0] === 'description')).to.deep.include({ key: 'validation.tooLong', params: { max: 5000 } });
    });
    it('needs consent to be given, with the version of its text', () => {
      expect(at(issues(withValue(parent, ['consent', 'accepted'], false)), 'consent.accepted')).to.deep.equal(['validation.consent']);
      expect(at(issues(without(parent, 'consent', 'version')), 'consent.version')).to.deep.equal(['validation.required']);
      expect(at(issues(without(parent, 'consent')), 'consent')).to.deep.equal(['validation.required']);
    });
    it('rejects an unknown role and a wrong version', () => {
      expect(at(issues({ ...parent, role: 'director' }), 'role')).to.deep.equal(['validation.oneOf']);
      expect(issues({ ...parent, version: 2 }).map((i) => i.path.join('.'))).to.include('version');
    });
  });

  describe('unknown keys', () => {
    it('are rejected at the top, in school, consent and context', () => {
      expect(at(issues({ ...parent, admin: true }), '')).to.deep.equal(['validation.unknownKey']);
      expect(at(issues(withValue(parent, ['school', 'city'], 'Курск')), 'school')).to.deep.equal(['validation.unknownKey']);
      expect(at(issues(withValue(parent, ['consent', 'ip'], '1.2.3.4')), 'consent')).to.deep.equal(['validation.unknownKey']);
      expect(at(issues({ ...parent, context: { cookie: 'x' } }), 'context')).to.deep.equal(['validation.unknownKey']);
    });
  });

  it('explains issues in Russian and English, never with zod’s own words', () => {
    for (const issue of [...issues({}), ...issues({ ...parent, childClass: 'x', admin: 1, consent: { accepted: 'yes' } })]) {
      for (const lang of ['ru', 'en'] as const) {
        const { message } = explainIssue(issue, lang);
        expect(message).to.not.match(/invalid input|expected/i);
        expect(message.length).to.be.greaterThan(5);
      }
    }
    expect(explainIssue({ path: ['childClass'], key: 'validation.childClass', params: {} }, 'ru').message).to.contain('7А');
  });
  it('takes a server’s guess from Accept-Language: English for en-GB, Russian for ru-RU and for a language it lacks', () => {
    const issue: FieldIssue = { path: ['email'], key: 'validation.required', params: {} };
    expect(['ru-RU', 'de', 'en-GB', 'EN'].map((lang) => explainIssue(issue, lang).message)).to.deep.equal([
      'Заполните это поле.',
      'Заполните это поле.',
      explainIssue(issue, 'en').message,
      explainIssue(issue, 'en').message,
    ]);
    expect(explainIssue(issue, 'en').message).to.not.equal('Заполните это поле.');
  });
});
