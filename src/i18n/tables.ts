import { en } from './en.js';
import { ru, type Messages } from './ru.js';
import type { Lang } from './format.js';

export type { MessageKey, Messages } from './ru.js';
export type { Message, Params } from './types.js';

export const tables: Record<Lang, Messages> = { ru, en };
