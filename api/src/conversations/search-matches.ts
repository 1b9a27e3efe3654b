import { Prisma, sqlClientOf } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import { toGlobalId } from '../shared/global-id.ts';
import { leadByConversationId } from './conversation.loaders.ts';
import type { SearchMatch, TextRange } from './conversation.type.ts';
import type { NormalizedSearch } from './search-text.ts';

export type SearchMatchSource = NormalizedSearch;

/** Message snippets per conversation. */
export const maxMessageMatches = 3;

// ts_headline marks matches with these; they cannot occur in the text, which is cleared of them first.
const startMark = '\u0002';
const stopMark = '\u0003';
const headlineOptions =
  `StartSel=${startMark}, StopSel=${stopMark}, MaxWords=24, MinWords=8, MaxFragments=2, ` +
  `FragmentDelimiter=" … "`;

/** Splits a marked-up headline into plain text and highlight ranges (offsets in UTF-16 code units). */
export function parseHeadline(marked: string): { snippet: string; highlights: TextRange[] } {
  let snippet = '';
  const highlights: TextRange[] = [];
  let start: number | undefined;
  // The markers are control characters on purpose: no message text can contain them.
  // eslint-disable-next-line no-control-regex
  for (const part of marked.split(/([\u0002\u0003])/)) {
    if (part === startMark) start = snippet.length;
    else if (part === stopMark) {
      if (start !== undefined && snippet.length > start) highlights.push({ start, end: snippet.length });
      start = undefined;
    } else snippet += part;
  }
  return { snippet, highlights };
}

/** Where `text` contains the search text, case-insensitively, as ranges. */
export function containedRanges(value: string, text: string): TextRange[] {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...value.matchAll(new RegExp(escaped, 'giu'))].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

interface HeadlineRow {
  conversationId: string;
  id: string;
  headline: string;
}

function messageMatchesLoader(context: RequestContext, search: SearchMatchSource) {
  return context.loader<string, HeadlineRow[]>(`conversation.matches:${search.text}`, async (ids) => {
    const conversationIds = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
    const rows = await sqlClientOf(context.prisma).query<HeadlineRow>(Prisma.sql`
      WITH query AS (SELECT websearch_to_tsquery('simple', ${search.text}) AS q),
      hits AS (
        SELECT m.id, m."conversationId", m.text, m."sentAt",
          row_number() OVER (PARTITION BY m."conversationId" ORDER BY m."sentAt", m.id) AS rank
        FROM "Message" m, query
        WHERE m."conversationId" IN (${conversationIds}) AND m."searchVector" @@ query.q
      )
      SELECT h."conversationId", h.id,
        ts_headline('simple', translate(h.text, ${startMark + stopMark}, '  '), query.q, ${headlineOptions}) AS headline
      FROM hits h, query
      WHERE h.rank <= ${maxMessageMatches}
      ORDER BY h."conversationId", h."sentAt", h.id`);
    const byConversation = new Map<string, HeadlineRow[]>(ids.map((id) => [id, []]));
    for (const row of rows) byConversation.get(row.conversationId)?.push(row);
    return ids.map((id) => byConversation.get(id) ?? []);
  });
}

/**
 * What of one conversation matched a search: message snippets (from ts_headline) and the lead's
 * contact fields that contain the search text. Batched across the page of results.
 */
export async function loadSearchMatches(
  context: RequestContext,
  search: SearchMatchSource,
  conversationId: string,
): Promise<SearchMatch[]> {
  const [headlines, lead] = await Promise.all([
    messageMatchesLoader(context, search).load(conversationId),
    leadByConversationId(context).load(conversationId),
  ]);
  const matches: SearchMatch[] = headlines.map((row) => ({
    field: 'MESSAGE_TEXT',
    messageId: toGlobalId('Message', row.id),
    ...parseHeadline(row.headline),
  }));
  const contactFields = [
    ['LEAD_NAME', lead?.name],
    ['LEAD_EMAIL', lead?.email ?? lead?.emailNormalized],
    ['LEAD_COMPANY', lead?.company],
  ] as const;
  for (const [field, value] of contactFields) {
    if (!value) continue;
    const highlights = containedRanges(value, search.text);
    if (highlights.length > 0) matches.push({ field, messageId: null, snippet: value, highlights });
  }
  return matches;
}
