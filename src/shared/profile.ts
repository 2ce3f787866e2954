import type { ConfigProblem } from './base-element.js';
import type { MessageKey, Params } from '../i18n/localize.js';
import { parseProfile, type Profile } from '../schema/profile.js';

export interface LoadedProfile {
  values: Profile;
  problems: ConfigProblem[];
}

/** One fetch per profile URL, however many elements share it. */
const cache = new Map<string, Promise<LoadedProfile>>();

export function loadProfile(src: string, base: string): Promise<LoadedProfile> {
  const url = new URL(src, base).href;
  let loading = cache.get(url);
  if (!loading) cache.set(url, (loading = fetchProfile(url)));
  return loading;
}

/** Why a profile could not be read, in the element's language (the browser's own errors are in English). */
const unreadable = (url: string, key: MessageKey, params: Params = {}): ConfigProblem => ({
  key: 'common.profileUnreadable',
  params: { url },
  cause: { path: [], key, params },
});

async function fetchProfile(url: string): Promise<LoadedProfile> {
  let response: Response;
  let json: unknown;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    cache.delete(url);
    return { values: {}, problems: [unreadable(url, 'common.noAnswer')] };
  }
  if (!response.ok) {
    cache.delete(url);
    return { values: {}, problems: [unreadable(url, 'common.httpStatus', { status: response.status })] };
  }
  try {
    json = await response.json();
  } catch {
    return { values: {}, problems: [unreadable(url, 'common.notJson')] };
  }
  const { values, problems } = parseProfile(json);
  return {
    values,
    problems: problems.map((p): ConfigProblem => {
      if (p.kind === 'badValue') return { key: 'common.profileBadValue', params: { url, key: p.key }, cause: p.issue };
      if (p.kind === 'unknownKey') return { key: 'common.profileUnknownKey', params: { url, key: p.key } };
      return unreadable(url, 'common.notJsonObject');
    }),
  };
}
