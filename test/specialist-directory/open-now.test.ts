import { expect, waitUntil } from '@open-wc/testing';
import { formatDays, minuteOfWeek, MinuteTicker, openStatus } from '../../src/specialist-directory/open-now.js';

const weekdays = { days: [1, 2, 3, 4, 5], from: '09:00', to: '16:00' };
// 2024-05-13 is a Monday; Moscow is UTC+3 all year.
const moscow = (local: string) => new Date(`${local}+03:00`);
const status = (hours: Parameters<typeof openStatus>[0], local: string, zone = 'Europe/Moscow') => {
  const s = openStatus(hours, zone, moscow(local));
  return s && `${s.state} ${s.day} ${s.time}`;
};

describe('open now (pure)', () => {
  it('reads the wall clock of the time zone', () => {
    expect(minuteOfWeek(new Date('2024-05-13T07:30:00Z'), 'Europe/Moscow')).to.equal(10 * 60 + 30);
    expect(minuteOfWeek(new Date('2024-05-13T07:30:00Z'), 'Asia/Vladivostok')).to.equal(17 * 60 + 30);
    expect(minuteOfWeek(new Date('2024-05-12T20:59:00Z'), 'Europe/Moscow')).to.equal(6 * 1440 + 23 * 60 + 59);
    expect(() => minuteOfWeek(new Date(), 'Mars/Olympus')).to.throw(RangeError);
  });

  it('is open from the first minute to just before closing', () => {
    expect(status([weekdays], '2024-05-13T09:00')).to.equal('open 1 16:00');
    expect(status([weekdays], '2024-05-13T15:59')).to.equal('open 1 16:00');
    expect(status([weekdays], '2024-05-13T16:00')).to.equal('closed 2 9:00');
    expect(status([weekdays], '2024-05-13T08:59')).to.equal('later 1 9:00');
  });

  it('skips closed days to the next opening, across the week end', () => {
    expect(status([weekdays], '2024-05-17T16:30')).to.equal('closed 1 9:00');
    expect(status([weekdays], '2024-05-19T12:00')).to.equal('closed 1 9:00');
    expect(status([{ days: [3], from: '10:00', to: '11:00' }], '2024-05-15T12:00')).to.equal('closed 3 10:00');
  });

  it('picks the soonest of several slots', () => {
    const split = [weekdays, { days: [6], from: '10:00', to: '13:00' }, { days: [1], from: '18:00', to: '19:00' }];
    expect(status(split, '2024-05-17T17:00')).to.equal('closed 6 10:00');
    expect(status(split, '2024-05-13T17:00')).to.equal('later 1 18:00');
    expect(status(split, '2024-05-18T11:00')).to.equal('open 6 13:00');
  });

  it('runs past midnight when "to" is not after "from", also from Sunday into Monday', () => {
    const night = [{ days: [7], from: '22:00', to: '02:00' }];
    expect(status(night, '2024-05-19T23:00')).to.equal('open 7 2:00');
    expect(status(night, '2024-05-20T01:59')).to.equal('open 7 2:00');
    expect(status(night, '2024-05-20T02:00')).to.equal('closed 7 22:00');
    expect(status([{ days: [2], from: '00:00', to: '24:00' }], '2024-05-14T23:59')).to.equal('open 2 24:00');
    expect(status([{ days: [2], from: '08:00', to: '08:00' }], '2024-05-15T07:59')).to.equal('open 2 8:00');
  });

  it('is open until the end of ranges that start when, or before, the current one ends', () => {
    const morning = { days: [1], from: '9:00', to: '12:00' };
    expect(status([morning, { days: [1], from: '12:00', to: '15:00' }], '2024-05-13T11:59')).to.equal('open 1 15:00');
    expect(status([morning, { days: [1], from: '11:00', to: '15:00' }], '2024-05-13T09:30'), 'overlapping').to.equal('open 1 15:00');
    expect(status([morning, { days: [1], from: '12:01', to: '15:00' }], '2024-05-13T11:59'), 'a minute apart').to.equal('open 1 12:00');
    const evening = [{ days: [1], from: '20:00', to: '24:00' }, { days: [2], from: '0:00', to: '2:00' }];
    expect(status(evening, '2024-05-13T23:00'), 'past midnight').to.equal('open 2 2:00');
    const weekEnd = [{ days: [7], from: '20:00', to: '24:00' }, { days: [1], from: '0:00', to: '2:00' }];
    expect(status(weekEnd, '2024-05-19T21:00'), 'from Sunday into Monday').to.equal('open 1 2:00');
  });

  it('is open without an end when it closes a day or more away, and for a post open round the clock', () => {
    const end = (hours: Parameters<typeof openStatus>[0], local: string) => openStatus(hours, 'Europe/Moscow', moscow(local));
    const always = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '0:00', to: '24:00' }];
    expect(end(always, '2024-05-15T12:00')).to.include({ state: 'open', time: '' });
    const overlapping = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '8:00', to: '20:00' }, { days: [1, 2, 3, 4, 5, 6, 7], from: '19:00', to: '9:00' }];
    expect(end(overlapping, '2024-05-19T23:30')).to.include({ state: 'open', time: '' });
    // Monday 9:00 to Wednesday 15:00: «until 15:00» on Monday would mean Monday.
    const long = [{ days: [1], from: '9:00', to: '24:00' }, { days: [2], from: '0:00', to: '24:00' }, { days: [3], from: '0:00', to: '15:00' }];
    expect(end(long, '2024-05-13T10:00')).to.include({ state: 'open', time: '' });
    expect(status(long, '2024-05-14T15:01')).to.equal('open 3 15:00');
  });

  it('has no status without hours', () => {
    expect(openStatus([], 'Europe/Moscow', new Date())).to.be.undefined;
  });

  it('names days in ranges, in the visitor’s language', () => {
    expect(formatDays([1, 2, 3, 4, 5], 'ru')).to.equal('пн–пт');
    expect(formatDays([7, 1, 3, 2], 'en')).to.equal('Mon–Wed, Sun');
    expect(formatDays([6, 7], 'ru')).to.equal('сб, вс');
  });
});

describe('MinuteTicker', () => {
  it('asks its host to update on every tick until disconnected', async () => {
    let updates = 0;
    const host = { addController() {}, removeController() {}, requestUpdate: () => updates++, updateComplete: Promise.resolve(true) };
    const ticker = new MinuteTicker(host, 20);
    ticker.hostConnected();
    await waitUntil(() => updates >= 2, 'the ticker never ticked twice');
    ticker.hostDisconnected();
    const after = updates;
    await new Promise((r) => setTimeout(r, 60));
    expect(updates).to.equal(after);
  });
});
