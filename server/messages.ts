/**
 * The receiver's own plain-language answers. Field-level texts come from the shared schema
 * (`explainIssue`); these cover the protocol around it.
 */
export type Lang = 'ru' | 'en';

const ru = {
  'idempotency-key-missing': 'Нет заголовка Idempotency-Key: без него повторная отправка может создать дубликат.',
  'idempotency-key-invalid': 'Заголовок Idempotency-Key должен быть UUID или строкой из 16–128 латинских букв, цифр и знаков . _ : ~ -.',
  'idempotency-conflict': 'Этот Idempotency-Key уже использован для другого запроса. Для нового запроса нужен новый ключ.',
  'not-multipart': 'Запрос нужно отправить как multipart/form-data с частью «request».',
  'request-missing': 'Нет части «request» с данными запроса (ровно одна).',
  'request-not-json': 'Часть «request» не является корректным JSON.',
  validation: 'Запрос не прошёл проверку: исправьте отмеченные поля.',
  'too-large': 'Запрос слишком большой: вместе со снимками не больше {mb} МБ.',
  'request-too-large': 'Данные запроса слишком большие: не больше {kb} КБ.',
  'too-many-screenshots': 'Слишком много снимков экрана: не больше {max}.',
  'screenshot-too-large': 'Скриншот № {n} слишком большой: не больше {mb} МБ.',
  'screenshot-type': 'Скриншот № {n} — не изображение PNG, JPEG или WebP.',
  'screenshot-damaged': 'Скриншот № {n} повреждён или обрезан, его не удалось прочитать.',
  'screenshot-dimensions': 'Скриншот № {n} слишком большой по размеру в пикселях.',
  'rate-limited': 'Слишком много запросов с вашего адреса. Попробуйте снова через {minutes} мин.',
  unavailable: 'Сервер временно не может принять запрос. Попробуйте ещё раз.',
  busy: 'Сервер сейчас принимает много других запросов. Попробуйте ещё раз через {seconds} с.',
  'body-incomplete': 'Запрос пришёл не полностью: соединение оборвалось. Попробуйте ещё раз.',
  'body-stalled': 'Запрос пришёл не полностью: данные перестали поступать. Попробуйте ещё раз.',
  unauthorized: 'Нужен токен администратора: заголовок Authorization: Bearer <ADMIN_TOKEN>.',
  'wrong-token': 'Токен не совпадает с ADMIN_TOKEN приёмника: проверьте его (без пробелов и кавычек). После {max} неверных токенов за 10 мин адрес блокируется на 10 мин.',
  'admin-locked': 'С этого адреса пришло слишком много неверных токенов администратора: маршруты администратора закрыты для него ещё на {minutes} мин. Подождите или перезапустите приёмник, затем проверьте ADMIN_TOKEN.',
  'format-unknown': 'Неизвестный формат: укажите ?format=png или ?format=jpeg (или уберите format, чтобы получить файл как он хранится).',
  'not-found': 'Не найдено.',
  internal: 'Внутренняя ошибка сервера. Попробуйте ещё раз позже.',
} as const;

export type ErrorCode = keyof typeof ru;

const en: Record<ErrorCode, string> = {
  'idempotency-key-missing': 'The Idempotency-Key header is missing: without it a retry could store a duplicate.',
  'idempotency-key-invalid': 'Idempotency-Key must be a UUID or 16–128 Latin letters, digits and . _ : ~ -.',
  'idempotency-conflict': 'This Idempotency-Key was already used for a different request. A new request needs a new key.',
  'not-multipart': 'Send the request as multipart/form-data with a "request" part.',
  'request-missing': 'The "request" part with the request data is missing (exactly one is needed).',
  'request-not-json': 'The "request" part is not valid JSON.',
  validation: 'The request did not pass validation: correct the marked fields.',
  'too-large': 'The request is too large: at most {mb} MB including screenshots.',
  'request-too-large': 'The request data is too large: at most {kb} KB.',
  'too-many-screenshots': 'Too many screenshots: at most {max}.',
  'screenshot-too-large': 'Screenshot {n} is too large: at most {mb} MB.',
  'screenshot-type': 'Screenshot {n} is not a PNG, JPEG or WebP image.',
  'screenshot-damaged': 'Screenshot {n} is damaged or truncated and could not be read.',
  'screenshot-dimensions': 'Screenshot {n} has too many pixels.',
  'rate-limited': 'Too many requests from your address. Try again in {minutes} min.',
  unavailable: 'The server cannot accept the request right now. Please try again.',
  busy: 'The server is receiving many other requests right now. Please try again in {seconds} s.',
  'body-incomplete': 'The request did not arrive in full: the connection was cut. Please try again.',
  'body-stalled': 'The request did not arrive in full: its data stopped coming. Please try again.',
  unauthorized: 'An administrator token is required: Authorization: Bearer <ADMIN_TOKEN>.',
  'wrong-token': "The token does not match ADMIN_TOKEN of the receiver: check it (no spaces or quotes). After {max} wrong tokens in 10 min the address is locked out for 10 min.",
  'admin-locked': 'Too many wrong administrator tokens from this address: the administrator routes are closed to it for {minutes} min more. Wait, or restart the receiver, then check ADMIN_TOKEN.',
  'format-unknown': 'Unknown format: use ?format=png or ?format=jpeg (or no format, for the file as stored).',
  'not-found': 'Not found.',
  internal: 'Internal server error. Please try again later.',
};

export function message(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}): string {
  const text = lang === 'en' ? en[code] : ru[code];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** English when the visitor's first language is English, Russian otherwise (the product's language). */
export const langOf = (acceptLanguage: string | undefined): Lang => (acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'ru');
