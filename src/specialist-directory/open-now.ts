import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OpeningHours } from '../schema/specialists.js';

const DAY = 1440;
const WEEK = 7 * DAY;

/** `open`: until `time` (empty when that is a day or more away); `later`: opens today at `time`; `closed`: next opens on ISO weekday `day` at `time`. */
export type OpenStatus = { state: 'open' | 'later' | 'closed'; time: string; day: number };

const minutes = (hhmm: string) => parseInt(hhmm) * 60 + +hhmm.slice(-2);
/** `09:00` → `9:00`, as people write it. */
export const time = (hhmm: string) => hhmm.replace(/^0(?=\d)/, '');

/** Formatters are costly to build and a long list asks for the same few again and again. */
const formats: Record<string, Intl.DateTimeFormat> = {};
const formatter = (lang: string, options: Intl.DateTimeFormatOptions) => (formats[lang + options.timeZone] ??= new Intl.DateTimeFormat(lang, options));

let last: [string, number] = ['', 0];

/** Minutes since Monday 00:00 on the wall clock of `timeZone` (throws RangeError for an unknown zone). */
export function minuteOfWeek(now: Date, timeZone: string): number {
  // Every card of a render asks for the same minute.
  const key = `${timeZone} ${Math.floor(+now / 60_000)}`;
  if (key !== last[0]) {
    const format = formatter('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    const { weekday, hour, minute } = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
    last = [key, ('MonTueWedThuFriSatSun'.indexOf(weekday!) / 3) * DAY + (Number(hour) % 24) * 60 + Number(minute)];
  }
  return last[1];
}

/** Short weekday names in ranges, ISO days: `[1,2,3,4,5,7]` → `пн–пт, вс`. */
export function formatDays(days: number[], lang: string): string {
  const name = (d: number) => formatter(lang, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));
  const runs: number[][] = [];
  for (const d of [...new Set(days)].sort()) {
    const run = runs.at(-1);
    if (run && d === run.at(-1)! + 1) run.push(d);
    else runs.push([d]);
  }
  return runs.map((r) => (r.length > 2 ? `${name(r[0]!)}–${name(r.at(-1)!)}` : r.map(name).join(', '))).join(', ');
}

/**
 * Whether a place is open at `now` in `timeZone`, and if not, when it opens next. A `to` at or
 * before `from` runs past midnight into the next day (22:00–02:00); `undefined` without hours.
 */
export function openStatus(hours: OpeningHours[], timeZone: string, now: Date): OpenStatus | undefined {
  const at = minuteOfWeek(now, timeZone);
  let status: OpenStatus | undefined;
  let soonest = WEEK;
  // While a range is open at `end`, `end` moves to its close: a range that starts when, or before,
  // another ends carries it on (9:00–12:00 and 12:00–15:00 are open until 15:00). Capped at a week,
  // for a post that never closes.
  let end = at;
  for (let open = true; open && end < at + WEEK; ) {
    open = false;
    for (const { days, from, to } of hours) {
      const length = ((minutes(to) - minutes(from) + DAY - 1) % DAY) + 1;
      for (const day of days) {
        const since = (end - (day - 1) * DAY - minutes(from) + WEEK) % WEEK;
        if (since < length) {
          open = true;
          end += length - since;
          status = { state: 'open', time: time(to), day };
        } else if (end === at && WEEK - since < soonest) {
          soonest = WEEK - since;
          status = { state: day - 1 === Math.floor(at / DAY) && soonest < DAY ? 'later' : 'closed', time: time(from), day };
        }
      }
    }
  }
  // «until 15:00» a day or more ahead would read as today's 15:00: such a place is just open.
  if (end - at >= DAY) status!.time = '';
  return status;
}

/** Re-renders its host at the start of every minute, so that "open now" stays true while the page is open. */
export class MinuteTicker implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly period = 60_000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setTimeout(() => {
      this.host.requestUpdate();
      this.hostConnected();
    }, this.period - (Date.now() % this.period));
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }
}
