import { validate, type FieldIssue } from '../schema/issues.js';
import { Channel, Specialist, SpecialistsEnvelope, SPECIALIST_KINDS } from '../schema/specialists.js';
import { fold } from './search.js';

/**
 * A phone as a dialer takes it: `+7 (4862) 55-12-34 доб. 214` → `['+74862551234', '214']`, the number
 * and its extension, if any (the only letters the schema lets in are «доб.» and «ext»).
 */
export const dial = (number: string): string[] => number.split(/[^\d\s()+-]+/).map((part) => part.replace(/[^\d+]/g, ''));

/** A problem found in the data: which entry (`#3 (admin)`, empty for the file itself), which field, why. */
export interface DataProblem {
  entry: string;
  field: string;
  issue: FieldIssue;
  /** Only this channel was dropped; the specialist still shows. */
  channel?: boolean;
}

/** A valid specialist with its folded search text. */
export interface Entry {
  s: Specialist;
  text: string;
}

export interface Directory {
  timeZone?: string;
  /** Sorted by kind in the regulation's order, the file's order within a kind. */
  entries: Entry[];
  problems: DataProblem[];
}

const where = (issue: FieldIssue, prefix: PropertyKey[] = []) => [...prefix, ...issue.path].join('.');

/**
 * Checks the envelope, then each entry on its own: a bad entry is skipped and a bad channel is
 * dropped (the specialist still shows by the others), each with one problem naming it. A file
 * without a list gives no entries and its envelope problems.
 */
export function parseDirectory(json: unknown): Directory {
  const problems: DataProblem[] = [];
  const envelope = validate(SpecialistsEnvelope, json);
  if (!envelope.ok) problems.push(...envelope.issues.map((issue) => ({ entry: '', field: where(issue), issue })));
  const list = (json as { specialists?: unknown } | null)?.specialists;
  const entries: Entry[] = [];
  (Array.isArray(list) ? list : []).forEach((raw: { id?: unknown; channels?: unknown } | null, i) => {
    const entry = `#${i + 1}${typeof raw?.id === 'string' ? ` (${raw.id})` : ''}`;
    const mark = problems.length;
    // Valid entries take zod's fast path; only a bad one pays for detailed issues.
    const quick = Specialist.safeParse(raw);
    let result = quick.success ? ({ ok: true, data: quick.data } as const) : validate(Specialist, raw);
    if (!result.ok && Array.isArray(raw?.channels)) {
      const channels = raw.channels.filter((channel, j) => {
        const check = validate(Channel, channel);
        if (!check.ok) problems.push({ entry, field: where(check.issues[0]!, ['channels', j]), issue: check.issues[0]!, channel: true });
        return check.ok;
      });
      if (channels.length) result = validate(Specialist, { ...raw, channels });
    }
    if (!result.ok) {
      // One message per skipped entry: it replaces the ones about its channels.
      problems.length = mark;
      problems.push({ entry, field: where(result.issues[0]!), issue: result.issues[0]! });
      return;
    }
    const s = result.data;
    // A phone is also found by its digits alone: «88005553535» finds «8 800 555-35-35» (an extension
    // is not glued on: it is found as written).
    const labels = s.channels.flatMap((c) => [...Object.values(c).filter((v) => typeof v === 'string' && v !== c.type), c.type === 'phone' ? dial(c.number)[0]!.replace('+', '') : '']);
    entries.push({ s, text: fold([s.name, s.position, ...labels].join(' ')) });
  });
  entries.sort((a, b) => SPECIALIST_KINDS.indexOf(a.s.kind) - SPECIALIST_KINDS.indexOf(b.s.kind));
  return { timeZone: envelope.ok ? envelope.data.timeZone : undefined, entries, problems };
}
