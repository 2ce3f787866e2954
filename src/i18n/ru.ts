import type { Message } from './types.js';

/**
 * The Russian table is the reference: its keys are the message keys of the whole library.
 * Keys are grouped by prefix: `common.*` for every element, then one prefix per element.
 */
export const ru = {
  'common.loading': 'Загрузка…',
  'common.retry': 'Повторить',
  'common.configProblems': 'Виджет настроен с ошибками (сообщение для администратора сайта):',
  'common.profileUnreadable': 'Не удалось прочитать профиль настроек {url}: {reason}.',
  'common.profileUnknownKey': 'В профиле {url} неизвестный ключ «{key}», он пропущен.',
  'common.profileBadValue': 'В профиле {url} пропущен ключ «{key}»: {reason}',

  // Validation messages, keyed by what went wrong; see src/schema/messages.ts.
  'validation.required': 'Заполните это поле.',
  'validation.tooShort': 'Слишком коротко: нужно не меньше {min} символов.',
  'validation.tooLong': 'Слишком длинно: не больше {max} символов.',
  'validation.email': 'Введите адрес почты в виде name@example.ru.',
  'validation.httpsUrl': 'Введите адрес, начинающийся с https://, например https://school.eljur.ru.',
  'validation.url': 'Введите адрес, начинающийся с https:// или http://.',
  'validation.childClass': 'Введите класс цифрой от 1 до 11 и буквой, например 7А.',
  'validation.schoolOrJournal': 'Укажите адрес электронного журнала или название школы и регион.',
  'validation.consent': 'Без согласия на обработку персональных данных запрос не отправить.',
  'validation.choice': 'Выберите один из вариантов.',
  'validation.time': 'Введите время в виде ЧЧ:ММ, например 09:00.',
  'validation.timeZone': 'Неизвестный часовой пояс; используйте имя вроде Europe/Moscow.',
  'validation.unknownKey': 'Неизвестное поле «{key}».',
  'validation.invalid': 'Неверное значение.',
  'validation.etiquette':
    'Пожалуйста, переформулируйте описание: по пункту 5 регламента оскорбления и нецензурные выражения не допускаются.',

  // form.* — help-request-form

  // screenshots.* — screenshots in help-request-form

  // directory.* — specialist-directory

  // regulation.* — regulation-viewer
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof ru;
export type Messages = Record<MessageKey, Message>;
