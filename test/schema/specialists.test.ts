import { expect } from '@open-wc/testing';
import { Specialist, Specialists, explainIssue, parseProfile, validate } from '../../src/schema/index.js';

const entry = {
  id: 'journal-admin',
  kind: 'journal-admin',
  name: 'Школьный администратор электронного журнала',
  serves: ['staff', 'parent', 'student'],
  channels: [
    { type: 'journal-mail', recipient: 'Администратор журнала' },
    { type: 'email', address: 'admin@school.ru' },
    { type: 'phone', number: '+7 (4712) 00-00-00' },
    { type: 'web-form', url: 'https://school.example/feedback' },
    { type: 'in-person', place: 'каб. 12', hours: [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '16:00' }] },
    { type: 'link', url: 'https://eljur.ru/help', label: 'Справка' },
  ],
};
const keys = (data: unknown) => {
  const r = validate(Specialist, data);
  return r.ok ? [] : r.issues.map((i) => `${i.path.join('.')}:${i.key}`);
};

describe('Specialists schema', () => {
  it('accepts every channel type of the format', () => {
    expect(keys(entry)).to.deep.equal([]);
    expect(validate(Specialists, { version: 1, timeZone: 'Europe/Moscow', specialists: [entry] }).ok).to.be.true;
  });
  it('rejects links with schemes other than http and https', () => {
    expect(keys({ ...entry, channels: [{ type: 'link', url: 'javascript:alert(1)', label: 'x' }] })).to.deep.equal(['channels.0.url:validation.url']);
    expect(keys({ ...entry, channels: [{ type: 'web-form', url: 'data:text/html,x' }] })).to.deep.equal(['channels.0.url:validation.url']);
  });
  it('takes http and https addresses written out, mailto: and tel: (SPEC section 6), and nothing the URL parser would have to guess at', () => {
    for (const url of ['http://school.example', 'HTTPS://School.Example/form?a=1', 'https://школа.рф/форма', 'mailto:help@school.example', 'tel:+74712000000']) {
      expect(keys({ ...entry, channels: [{ type: 'web-form', url }] }), url).to.deep.equal([]);
    }
    for (const url of ['http:school.example', 'school.example', '/feedback', 'https://school.exa\nmple', 'https://']) {
      expect(keys({ ...entry, channels: [{ type: 'web-form', url }] }), url).to.deep.equal(['channels.0.url:validation.url']);
    }
  });
  it('says what an id may hold, and which kinds there are when it is wrong or left out', () => {
    expect(keys({ ...entry, id: 'bad email' })).to.deep.equal(['id:validation.id']);
    for (const kind of ['', null, undefined, 'Wizard']) expect(keys({ ...entry, kind }), String(kind)).to.deep.equal(['kind:validation.oneOf']);
    const r = validate(Specialist, { ...entry, kind: 'director' });
    expect(!r.ok && r.issues[0]!.params).to.deep.equal({ values: 'vendor-support, journal-admin, deputy-director, experienced-teacher, other' });
  });
  it('rejects an unknown kind, channel type, time and time zone', () => {
    expect(keys({ ...entry, kind: 'wizard' })).to.deep.equal(['kind:validation.oneOf']);
    expect(keys({ ...entry, channels: [{ type: 'pigeon' }] })).to.deep.equal(['channels.0.type:validation.oneOf']);
    expect(keys({ ...entry, channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [1], from: '9', to: '16:00' }] }] })).to.deep.equal([
      'channels.0.hours.0.from:validation.time',
    ]);
    expect(validate(Specialists, { version: 1, timeZone: 'Mars/Olympus', specialists: [] }).ok).to.be.false;
  });
  it('takes times as people write them, 9:00 or 09:00, and not 9 or 25:00', () => {
    const hours = (from: string, to = '16:00') => keys({ ...entry, channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: [1], from, to }] }] });
    for (const ok of ['9:00', '09:00', '0:30', '23:59']) expect(hours(ok), ok).to.deep.equal([]);
    expect(hours('9:00', '24:00')).to.deep.equal([]);
    for (const bad of ['9', '9.00', '25:00', '9:60', '009:00']) expect(hours(bad), bad).to.deep.equal(['channels.0.hours.0.from:validation.time']);
  });
  it('takes whole ISO weekdays 1–7 only', () => {
    const days = (d: unknown[]) => keys({ ...entry, channels: [{ type: 'in-person', place: 'каб. 1', hours: [{ days: d, from: '09:00', to: '16:00' }] }] });
    expect(days([1, 7])).to.deep.equal([]);
    expect(days([0])).to.deep.equal(['channels.0.hours.0.days.0:validation.day']);
    expect(days([1, 8])).to.deep.equal(['channels.0.hours.0.days.1:validation.day']);
    expect(days([2.5])).to.deep.equal(['channels.0.hours.0.days.0:validation.day']);
    expect(days(['пн'])).to.deep.equal(['channels.0.hours.0.days.0:validation.day']);
    expect(days([])).to.deep.equal(['channels.0.hours.0.days:validation.required']);
  });
  it('says what a phone number and a weekday are made of, not just "invalid"', () => {
    expect(keys({ ...entry, channels: [{ type: 'phone', number: 'звонить секретарю' }] })).to.deep.equal(['channels.0.number:validation.phone']);
    expect(explainIssue({ path: ['number'], key: 'validation.phone', params: {} }, 'ru').message).to.equal('Номер — цифрами, например +7 4712 00-00-00 или +7 4712 00-00-00 доб. 12.');
  });
  it('takes a phone with an extension, «доб. 214» or «ext 214» in any case, and no other letters or a longer extension', () => {
    const phone = (number: string) => keys({ ...entry, channels: [{ type: 'phone', number }] });
    for (const ok of ['+7 (4862) 55-12-34 доб. 214', '+7 4862 55-12-34 доб 214', '8 800 555-35-35 ДОБ. 1', '+7 4862 551234 ext. 214', '+7 4862 551234 EXT 123456']) {
      expect(phone(ok), ok).to.deep.equal([]);
    }
    for (const bad of ['+7 4862 55-12-34 доб. 1234567', '+7 4862 55-12-34 доб.', 'доб. 214', '+7 4862 55-12-34 вн. 214', '+7 4862 55-12-34 доб. 214 (Иван)', '+7 4862 55-12-34 x214']) {
      expect(phone(bad), bad).to.deep.equal(['channels.0.number:validation.phone']);
    }
  });
  it('requires a name and at least one channel, and rejects unknown keys', () => {
    expect(keys({ ...entry, name: '  ' })).to.deep.equal(['name:validation.required']);
    expect(keys({ ...entry, channels: [] })).to.deep.equal(['channels:validation.required']);
    expect(keys({ ...entry, photo: 'x.png' })).to.deep.equal([':validation.unknownKey']);
  });
});

describe('Profile schema', () => {
  it('keeps valid keys and names each unknown or invalid one', () => {
    const { values, problems } = parseProfile({
      schoolName: 'Школа',
      journalUrl: 'http://x.eljur.ru',
      timeZone: 'Europe/Moscow',
      colour: 'red',
    });
    expect(values).to.deep.equal({ schoolName: 'Школа', timeZone: 'Europe/Moscow' });
    expect(problems.map((p) => `${p.kind}:${p.key}`)).to.deep.equal(['badValue:journalUrl', 'unknownKey:colour']);
  });
  it('takes a whole number of screenshots up to 20, and messages as text or plural forms', () => {
    const bad = (profile: object) => parseProfile(profile).problems.map((p) => `${p.kind}:${p.key}`);
    expect(bad({ maxScreenshots: 3, messages: { 'form.submit': 'Send', 'form.problems': { one: '{n} problem', other: '{n} problems' } } })).to.deep.equal([]);
    expect(bad({ maxScreenshots: 2.5 })).to.deep.equal(['badValue:maxScreenshots']);
    expect(bad({ maxScreenshots: 21 })).to.deep.equal(['badValue:maxScreenshots']);
    expect(bad({ messages: { 'form.submit': 5 } })).to.deep.equal(['badValue:messages.form.submit']);
    expect(bad({ messages: ['x'] })).to.deep.equal(['badValue:messages']);
  });
  it('takes the "$schema" an editor needs to check the files against the published JSON Schemas', () => {
    expect(parseProfile({ $schema: './profile.json', schoolName: 'Школа' })).to.deep.equal({ values: { schoolName: 'Школа' }, problems: [] });
    expect(validate(Specialists, { $schema: './specialists.json', version: 1, specialists: [entry] }).ok).to.be.true;
  });
  it('checks messages one by one: a misspelt key is named, and a bad value costs only itself', () => {
    const { values, problems } = parseProfile({ messages: { 'form.sumbit': 'Отправить', 'form.submit': 'Отправить', 'form.label': { one: 'x' } } });
    expect(values).to.deep.equal({ messages: { 'form.submit': 'Отправить' } });
    expect(problems.map((p) => `${p.kind}:${p.key}`)).to.deep.equal(['unknownKey:messages.form.sumbit', 'badValue:messages.form.label']);
  });
  it('explains a bad number as a number, not as a length of text', () => {
    const reasons = (profile: object) =>
      parseProfile(profile).problems.map((p) => (p.kind === 'badValue' ? explainIssue(p.issue).message : p.kind));
    expect(reasons({ timeout: -5 })).to.deep.equal(['Нужно число больше 0.']);
    expect(reasons({ maxScreenshots: 21 })).to.deep.equal(['Нужно число не больше 20.']);
    expect(reasons({ maxScreenshots: 0 }), 'a form that refuses every screenshot could never be sent').to.deep.equal(['Нужно число не меньше 1.']);
    expect(reasons({ maxScreenshots: 2.5 })).to.deep.equal(['Нужно целое число.']);
    expect(reasons({ maxScreenshots: '5' }), 'a string, as a profile might have it').to.deep.equal(['Нужно число.']);
    expect(reasons({ timeout: NaN })).to.deep.equal(['Нужно число.']);
    const [problem] = parseProfile({ timeout: 0 }).problems;
    expect(problem?.kind === 'badValue' && explainIssue(problem.issue, 'en').message).to.equal('Must be a number greater than 0.');
  });
  it('takes links as site paths or http(s) URLs, never other schemes', () => {
    const { values, problems } = parseProfile({
      consentUrl: '/consent.html',
      privacyPolicyUrl: 'https://school.example/privacy',
      endpoint: 'javascript:alert(1)',
      appealsUrl: 'data:text/html,<script>alert(1)</script>',
    });
    expect(values).to.deep.equal({ consentUrl: '/consent.html', privacyPolicyUrl: 'https://school.example/privacy' });
    expect(problems.map((p) => p.key)).to.deep.equal(['endpoint', 'appealsUrl']);
  });
  it('reports a profile that is not an object', () => {
    expect(parseProfile([1, 2]).problems.map((p) => p.kind)).to.deep.equal(['notObject']);
  });
});
