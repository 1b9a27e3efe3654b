import type { LeadFilter } from '../graphql/generated/graphql.ts';

/** The API route that streams a CSV of a lead selection (api/src/crm/leads-csv.route.ts). */
export const leadsCsvPath = '/exports/leads.csv';

/** What the route takes: named leads, or a filter with an optional search as `leads` takes them. */
export type LeadsCsvSelection = { leadIds: string[] } | { filter: LeadFilter; search?: string };

/** The file name the server suggests in Content-Disposition, or a dated default. */
export function csvFileName(contentDisposition: string | null, today: string): string {
  return /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? `leads-${today}.csv`;
}

/**
 * Downloads the CSV as a file. The route takes a JSON body, which a plain link or form cannot send (and
 * which keeps it out of reach of cross-site forms), so the file is fetched with the session cookie and
 * handed to the browser as a blob.
 */
export async function downloadLeadsCsv(selection: LeadsCsvSelection): Promise<void> {
  const response = await fetch(leadsCsvPath, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'text/csv' },
    body: JSON.stringify(selection),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(problem?.error?.message ?? `The download failed (HTTP ${response.status}).`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFileName(
    response.headers.get('content-disposition'),
    new Date().toISOString().slice(0, 10),
  );
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download manager; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
