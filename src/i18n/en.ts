import type { Messages } from './ru.js';

export const en: Messages = {
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.configProblems': 'This widget is misconfigured (a note for the site administrator):',
  'common.profileUnreadable': 'Could not read the settings profile {url}: {reason}.',
  'common.profileUnknownKey': 'The profile {url} has an unknown key "{key}"; it was skipped.',
  'common.profileBadValue': 'The profile {url}: key "{key}" was skipped. {reason}',

  'validation.required': 'Please fill in this field.',
  'validation.tooShort': 'Too short: at least {min} characters, please.',
  'validation.tooLong': 'Too long: at most {max} characters.',
  'validation.email': 'Enter an e-mail address like name@example.com.',
  'validation.httpsUrl': 'Enter an address starting with https://, e.g. https://school.eljur.ru.',
  'validation.url': 'Enter an address starting with https:// or http://.',
  'validation.childClass': 'Enter the class as a number from 1 to 11 and a Cyrillic letter, e.g. 7А.',
  'validation.schoolOrJournal': 'Give the journal address, or the school name and region.',
  'validation.consent': 'The request cannot be sent without consent to personal data processing.',
  'validation.choice': 'Choose one of the options.',
  'validation.time': 'Enter the time as HH:MM, e.g. 09:00.',
  'validation.timeZone': 'Unknown time zone; use a name like Europe/Moscow.',
  'validation.unknownKey': 'Unknown field "{key}".',
  'validation.invalid': 'Invalid value.',
  'validation.etiquette':
    'Please rephrase the description: under point 5 of the regulation, insults and obscene language are not allowed.',

  // form.* — help-request-form

  // screenshots.* — screenshots in help-request-form

  // directory.* — specialist-directory

  // regulation.* — regulation-viewer
};
