// The types README's API reference names, imported by a consumer from the package root.
import type {
  FailureReason,
  HelpRequestErrorDetail,
  HelpRequestOpenDetail,
  HelpRequestSubmitDetail,
  HelpRequestSuccessDetail,
  Lang,
  Message,
  MessageKey,
  Messages,
  RequesterRole,
} from 'journal-help-widgets';
import { HelpRequestForm, RegulationViewer, SpecialistDirectory } from 'journal-help-widgets';

const overrides: Partial<Messages> = { 'form.submit': 'Отправить запрос' };
const key: MessageKey = 'form.submit';
const message: Message = overrides[key]!;
const form = new HelpRequestForm();
form.messages = overrides;
const role: RequesterRole = 'parent';
form.requester = role;
const lang: Lang = form.resolvedLang;
const directory: SpecialistDirectory = document.createElement('specialist-directory');
const viewer: RegulationViewer = document.createElement('regulation-viewer');
const reason: FailureReason = 'timeout';
const details: [HelpRequestSubmitDetail['screenshots'], HelpRequestSuccessDetail['id'], HelpRequestErrorDetail, HelpRequestOpenDetail] = [
  1, 'HR-1', { reason, retryable: true }, { requester: role },
];
export { details, directory, lang, message, viewer };
