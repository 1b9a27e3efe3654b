import type { ContactKind, MessageRole } from '../../generated/client/client.ts';
import { fill, phraseBanks, topics, type Exchange, type Language } from './phrases.ts';
import type { SeededRandom } from './random.ts';

/** Contact details a visitor typed into the chat. */
export type TypedContact = {
  name: string;
  firstName: string;
  jobTitle: string;
  company: string;
  /** As typed: case and spacing are the visitor's. */
  email: string;
  phone?: string;
};

export type DialogueOptions = {
  language: Language;
  /** Messages wanted; raised when the extras below need more turns. */
  length: number;
  retentionDays: number;
  contact?: TypedContact;
  /** An email given in passing ("send it to …"), not as lead details. */
  mentionedEmail?: string;
  /** A message whose card or IBAN the redactor removed. */
  redaction?: boolean;
  /** The visitor says they are a minor. */
  child?: boolean;
};

/** An email or phone number in a message, in the form DetectedContact stores it. */
export type Detected = { kind: ContactKind; value: string };

export type DialogueMessage = {
  role: MessageRole;
  text: string;
  redactionCount: number;
  detected: Detected[];
};

type VisitorTurn =
  | { kind: 'exchange'; exchange: Exchange }
  | { kind: 'contact' | 'mention' | 'redaction' | 'child' | 'closing' };

/** A plausible chat: visitor and assistant take turns, starting with the visitor. */
export function buildDialogue(rng: SeededRandom, options: DialogueOptions): DialogueMessage[] {
  const bank = phraseBanks[options.language];
  const extras: VisitorTurn[] = [];
  if (options.child) extras.push({ kind: 'child' });
  if (options.contact) extras.push({ kind: 'contact' });
  if (options.mentionedEmail) extras.push({ kind: 'mention' });
  if (options.redaction) extras.push({ kind: 'redaction' });
  const length = Math.max(options.length, 2 * (1 + extras.length));
  const turns = planTurns(rng, options.language, Math.ceil(length / 2), extras);

  const values = { n: rng.pick([3, 5, 8, 12, 20, 25, 40, 50, 120, 300]), retention: options.retentionDays };
  const messages: DialogueMessage[] = [];
  turns.forEach((turn, index) => {
    const next = turns[index + 1];
    messages.push(visitorMessage(rng, options, turn, index === 0, values));
    if (messages.length >= length) return;
    let reply = assistantReply(rng, options, turn, values);
    if (next?.kind === 'contact') reply += rng.pick(bank.askContact);
    messages.push({ role: 'ASSISTANT', text: reply, redactionCount: 0, detected: [] });
  });
  return messages;
}

function planTurns(
  rng: SeededRandom,
  language: Language,
  count: number,
  extras: readonly VisitorTurn[],
): VisitorTurn[] {
  const bank = phraseBanks[language].topics;
  const opening = rng.pick(topics);
  // Then follow-ups on the opening topic or questions on others, each asked once.
  const pool = [
    ...bank[opening].followUps,
    ...topics.filter((topic) => topic !== opening).flatMap((topic) => bank[topic].openers),
  ];
  const turns: VisitorTurn[] = [{ kind: 'exchange', exchange: rng.pick(bank[opening].openers) }];
  const free = count - 1 - extras.length;
  for (let i = 0; i < free; i++) {
    const isLast = i === free - 1 && count > 2;
    if (pool.length === 0 || (isLast && rng.chance(0.5))) {
      turns.push({ kind: 'closing' });
      break;
    }
    const [exchange] = pool.splice(rng.int(pool.length), 1) as [Exchange];
    turns.push({ kind: 'exchange', exchange });
  }
  // Extras go where a visitor would put them: after at least one answer, in a random order among the rest.
  for (const extra of extras) {
    const end = turns.at(-1)?.kind === 'closing' ? turns.length - 1 : turns.length;
    turns.splice(1 + rng.int(end), 0, extra);
  }
  return turns;
}

function visitorMessage(
  rng: SeededRandom,
  options: DialogueOptions,
  turn: VisitorTurn,
  isFirst: boolean,
  values: Readonly<Record<string, string | number>>,
): DialogueMessage {
  const bank = phraseBanks[options.language];
  const detected: Detected[] = [];
  let text: string;
  let redactionCount = 0;
  switch (turn.kind) {
    case 'exchange':
      text = fill(turn.exchange[0], values) + (isFirst ? rng.pick(bank.tails) : '');
      break;
    case 'contact': {
      const contact = options.contact as TypedContact;
      const { name, jobTitle, company, email } = contact;
      text = fill(rng.pick(bank.contactShares), { name, jobTitle, company, email });
      detected.push({ kind: 'EMAIL', value: contact.email.trim().toLowerCase() });
      if (contact.phone) {
        text += fill(rng.pick(bank.phoneShares), { phone: contact.phone });
        detected.push({ kind: 'PHONE', value: contact.phone });
      }
      break;
    }
    case 'mention': {
      const email = options.mentionedEmail as string;
      text = fill(rng.pick(bank.emailMentions), { email });
      detected.push({ kind: 'EMAIL', value: email.trim().toLowerCase() });
      break;
    }
    case 'redaction': {
      const redacted = rng.pick(bank.redacted);
      text = redacted.text;
      redactionCount = redacted.redactionCount;
      break;
    }
    case 'child':
      text = rng.pick(bank.childMessages);
      break;
    case 'closing':
      text = rng.pick(bank.visitorClosings);
      break;
  }
  const greeting = isFirst ? rng.pick(bank.greetings) : '';
  return { role: 'VISITOR', text: greeting ? `${greeting} ${text}` : text, redactionCount, detected };
}

function assistantReply(
  rng: SeededRandom,
  options: DialogueOptions,
  turn: VisitorTurn,
  values: Readonly<Record<string, string | number>>,
): string {
  const bank = phraseBanks[options.language];
  switch (turn.kind) {
    case 'exchange':
      return fill(turn.exchange[1], values);
    case 'contact':
      return fill(rng.pick(bank.contactThanks), { first: (options.contact as TypedContact).firstName });
    case 'mention':
      return rng.pick(bank.mentionReplies);
    case 'redaction':
      return rng.pick(bank.redactionWarnings);
    case 'child':
      return rng.pick(bank.childReplies);
    case 'closing':
      return rng.pick(bank.assistantClosings);
  }
}
