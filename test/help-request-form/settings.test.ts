import { expect, waitUntil } from '@open-wc/testing';
import type { HelpRequestForm } from '../../src/help-request-form/help-request-form.js';
import type { MessageKey, Params } from '../../src/i18n/localize.js';
import {
  LINKS,
  SCHOOL,
  control,
  fillParent,
  makeForm,
  notes,
  part,
  profileUrl,
  ruText,
  submit,
  testEndpoint,
  type,
  waitForResult,
  warnings,
} from './helpers.js';
import { printed } from '../support/print.js';

const t = ruText;

/** The note about a skipped attribute, as the webmaster reads it. */
const skipped = (name: string, reason: MessageKey, params?: Params) => t('common.badSetting', { name, reason: t(reason, params) });

const limit = (el: HelpRequestForm) => part(el, 'screenshot-status')!.textContent!.trim();

const ROLES = ['form.staff', 'form.parent', 'form.student'] as const;
const chosen = (el: HelpRequestForm) => ROLES.filter((role) => control(el, t(role)).checked);

describe('<help-request-form> settings', () => {
  // Each case: the attribute is named on the element and once in the console, and the form goes on as if it were absent.
  it('skips timeout="-5": an answer that takes a while still arrives within the default 30 s', async () => {
    const endpoint = testEndpoint();
    await endpoint.script([{ status: 201, delay: 400 }]);
    let el!: HelpRequestForm;
    const seen = await warnings(async () => {
      el = await makeForm({ endpoint: endpoint.url, timeout: '-5', ...SCHOOL, ...LINKS, 'screenshot-optional': true });
      await fillParent(el);
      await submit(el);
      await waitForResult(el);
    });
    expect(notes(el)).to.deep.equal([skipped('timeout', 'validation.greaterThan', { min: 0 })]);
    expect(seen.filter((w) => w.includes('timeout'))).to.have.length(1);
    const log = await endpoint.log();
    expect(log).to.have.length(1);
    expect(log[0]!.aborted).to.be.false;
  });

  it('skips max-screenshots="abc": the limit stays 5', async () => {
    let el!: HelpRequestForm;
    const seen = await warnings(async () => {
      el = await makeForm({ endpoint: '/x', 'max-screenshots': 'abc', ...LINKS });
      await type(el, t('form.email'), 'mama@example.ru');
    });
    expect(notes(el)).to.deep.equal([skipped('max-screenshots', 'validation.number')]);
    expect(seen.filter((w) => w.includes('max-screenshots'))).to.have.length(1);
    expect(limit(el)).to.equal(t('screenshots.count', { n: 0, max: 5 }));
    expect(el.maxScreenshots).to.equal(5);
  });

  it('skips an endpoint without a scheme and sends to the profile’s', async () => {
    const endpoint = testEndpoint();
    let el!: HelpRequestForm;
    const seen = await warnings(async () => {
      el = await makeForm({
        endpoint: 'localhost:18787/api/requests',
        'profile-src': profileUrl({ endpoint: endpoint.url, requester: 'parent' }),
        ...SCHOOL,
        ...LINKS,
        'screenshot-optional': true,
      });
      await waitUntil(() => chosen(el).length, 'the profile was not applied');
      await fillParent(el);
      await submit(el);
      await waitForResult(el);
    });
    expect(notes(el)).to.deep.equal([skipped('endpoint', 'validation.url')]);
    expect(seen.filter((w) => w.includes('endpoint'))).to.have.length(1);
    expect(await endpoint.log()).to.have.length(1);
  });

  it('leaves the webmaster’s note out of a printout', async () => {
    let el!: HelpRequestForm;
    await warnings(async () => {
      el = await makeForm({ ...LINKS });
    });
    const note = part(el, 'config-error')!;
    expect(note.getClientRects().length, 'on screen').to.be.above(0);
    const restore = await printed(el);
    try {
      expect(note.getClientRects().length, 'in print').to.equal(0);
    } finally {
      await restore();
    }
  });

  it('skips an endpoint without a scheme, and says there is none when nothing else gives one', async () => {
    let el!: HelpRequestForm;
    await warnings(async () => {
      el = await makeForm({ endpoint: 'localhost:18787/api/requests', ...LINKS });
    });
    expect(notes(el)).to.deep.equal([skipped('endpoint', 'validation.url'), t('form.noEndpoint')]);
  });

  it('skips requester="teacher": the visitor chooses, or the profile’s role is taken', async () => {
    let el!: HelpRequestForm;
    const seen = await warnings(async () => {
      el = await makeForm({ endpoint: '/x', requester: 'teacher', ...LINKS });
    });
    expect(notes(el)).to.deep.equal([skipped('requester', 'validation.oneOf', { values: 'staff, parent, student' })]);
    expect(seen.filter((w) => w.includes('requester'))).to.have.length(1);
    expect(chosen(el)).to.deep.equal([]);

    await warnings(async () => {
      el = await makeForm({ endpoint: '/x', requester: 'teacher', 'profile-src': profileUrl({ requester: 'staff' }), ...LINKS });
      await waitUntil(() => chosen(el).length, 'the profile’s role was not taken');
    });
    expect(chosen(el)).to.deep.equal(['form.staff']);
  });

  it('lets valid attributes win over the profile, the profile fill in for a missing or bad one, and forgets a fixed one', async () => {
    const profile = profileUrl({ maxScreenshots: 3, requester: 'parent' });
    let el!: HelpRequestForm;
    const seen = await warnings(async () => {
      el = await makeForm({ endpoint: '/x', 'profile-src': profile, 'max-screenshots': '2', ...LINKS });
      await waitUntil(() => chosen(el).length, 'the profile was not applied');
      expect(chosen(el)).to.deep.equal(['form.parent']);
      expect(limit(el)).to.equal(t('screenshots.count', { n: 0, max: 2 }));
      el.requester = 'student';
      await el.updateComplete;
      expect(chosen(el)).to.deep.equal(['form.student']);

      el.removeAttribute('max-screenshots');
      await el.updateComplete;
      expect(limit(el)).to.equal(t('screenshots.count', { n: 0, max: 3 }));
      expect(el.maxScreenshots).to.equal(3);

      el.setAttribute('max-screenshots', '25');
      await el.updateComplete;
      expect(limit(el)).to.equal(t('screenshots.count', { n: 0, max: 3 }));
      expect(notes(el)).to.deep.equal([skipped('max-screenshots', 'validation.tooBig', { max: 20 })]);

      el.maxScreenshots = 4;
      await el.updateComplete;
      expect(limit(el)).to.equal(t('screenshots.count', { n: 0, max: 4 }));
      expect(notes(el)).to.deep.equal([]);
    });
    expect(seen, seen.join('\n')).to.have.length(1);
  });
});
