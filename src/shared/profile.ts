import type { ConfigProblem } from './base-element.js';
import type { FieldIssue } from '../schema/issues.js';
import { parseProfile, type Profile } from '../schema/profile.js';
import { fetchText, parseJson, Unreadable } from './source.js';

export interface LoadedProfile {
  values: Profile;
  problems: ConfigProblem[];
}

/** One fetch per profile URL, however many elements share it. */
const cache = new Map<string, Promise<LoadedProfile>>();

/** Why a profile could not be read, in the element's language. */
const unreadable = (url: string, cause: FieldIssue): ConfigProblem => ({ key: 'common.profileUnreadable', params: { url }, cause });

export function loadProfile(src: string, base: string): Promise<LoadedProfile> {
  const url = new URL(src, base).href;
  let loading = cache.get(url);
  if (!loading) cache.set(url, (loading = fetchProfile(url)));
  return loading;
}

async function fetchProfile(url: string): Promise<LoadedProfile> {
  let json: unknown;
  try {
    json = parseJson(await fetchText(url, undefined, 'application/json'));
  } catch (error) {
    // Fixed by the next element that asks (a file uploaded meanwhile).
    cache.delete(url);
    return { values: {}, problems: [unreadable(url, (error as Unreadable).reason)] };
  }
  const { values, problems } = parseProfile(json);
  return {
    values,
    problems: problems.map((p): ConfigProblem => {
      if (p.kind === 'badValue') return { key: 'common.profileBadValue', params: { url, key: p.key }, cause: p.issue };
      if (p.kind === 'unknownKey') return { key: 'common.profileUnknownKey', params: { url, key: p.key } };
      return unreadable(url, { path: [], key: 'common.notJsonObject', params: {} });
    }),
  };
}
