import type { ConfigProblem } from './base-element.js';
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

async function fetchProfile(url: string): Promise<LoadedProfile> {
  let json: unknown;
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } catch (error) {
    cache.delete(url);
    return { values: {}, problems: [{ key: 'common.profileUnreadable', params: { url, reason: (error as Error).message } }] };
  }
  const { values, problems } = parseProfile(json);
  return {
    values,
    problems: problems.map((p): ConfigProblem => {
      if (p.kind === 'badValue') return { key: 'common.profileBadValue', params: { url, key: p.key }, cause: p.issue };
      if (p.kind === 'unknownKey') return { key: 'common.profileUnknownKey', params: { url, key: p.key } };
      return { key: 'common.profileUnreadable', params: { url, reason: 'not a JSON object' } };
    }),
  };
}
