import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LeadSource, LeadStatus, type Prisma, type PrismaClient } from '@confide/db';
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { appendAuditEvents } from '../audit/audit-log.ts';
import { authenticate } from '../auth/authenticate.ts';
import { Permission } from '../auth/policy.ts';
import { hasPermission, type Viewer } from '../auth/viewer.ts';
import { normalizeSearch } from '../conversations/search-text.ts';
import { actorOf } from '../graphql/apollo.ts';
import { toCriteria } from '../leads/lead.resolver.ts';
import { leadWhere } from '../leads/list-leads.ts';
import { DomainError } from '../shared/errors.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import type { Logger } from '../shared/logger.ts';
import { maxExportLeadIds } from './export-selection.ts';
import { createLeadsCsvStringifier, csvPageSize, leadsCsvRows } from './leads-csv.ts';

export const leadsCsvPath = '/exports/leads.csv';

const selectionSchema = z
  .object({
    leadIds: z.array(z.string().max(200)).min(1).max(maxExportLeadIds).optional(),
    filter: z
      .object({
        siteIds: z.array(z.string().max(200)).max(100).nullish(),
        statuses: z
          .array(z.enum(Object.values(LeadStatus)))
          .max(10)
          .nullish(),
        ownerId: z.string().max(200).nullish(),
        source: z.enum(Object.values(LeadSource)).nullish(),
        createdAfter: z.iso.datetime({ offset: true }).nullish(),
        createdBefore: z.iso.datetime({ offset: true }).nullish(),
        exported: z.boolean().nullish(),
      })
      .strict()
      .optional(),
    search: z.string().max(1000).optional(),
  })
  .strict()
  .refine((body) => (body.leadIds === undefined) !== (body.filter === undefined), {
    message: 'Give either leadIds or filter (an empty filter selects every lead), not both',
  });

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function sendProblem(response: Response, problem: HttpProblem): void {
  // A refused request's body may be unread (e.g. a form post); the connection cannot be reused.
  response.set('connection', 'close');
  response.status(problem.status).json({ error: { code: problem.code, message: problem.message } });
}

/** The caller, refused unless they may read leads and their personal data. */
async function authorize(prisma: PrismaClient, request: Request, now: Date): Promise<Viewer> {
  const viewer = await authenticate(prisma, request.headers, now).catch((error: Error) => {
    throw new HttpProblem(401, 'UNAUTHENTICATED', error.message);
  });
  if (viewer.kind === 'anonymous') {
    throw new HttpProblem(
      401,
      'UNAUTHENTICATED',
      'Sign in, or send an API token as "Authorization: Bearer <token>"',
    );
  }
  const missing = [Permission.leadsRead, Permission.personalDataRead].filter(
    (permission) => !hasPermission(viewer, permission),
  );
  if (missing.length > 0)
    throw new HttpProblem(403, 'FORBIDDEN', `This needs the ${missing.join(', ')} permission`);
  // Cross-site requests: a JSON body cannot be sent without a CORS preflight (which is never
  // granted), and the session cookie is SameSite=Lax; an Origin of another site is refused anyway.
  const origin = request.get('origin');
  if (viewer.kind === 'staff' && origin && new URL(origin).host !== request.get('host')) {
    throw new HttpProblem(403, 'FORBIDDEN', 'Cross-origin downloads are not allowed');
  }
  return viewer;
}

function selectionWhereOf(body: unknown): {
  where: Prisma.LeadWhereInput;
  selection: 'ids' | 'filter';
  searched: boolean;
} {
  const parsed = selectionSchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new HttpProblem(
      400,
      'BAD_USER_INPUT',
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  const { leadIds, filter, search } = parsed.data;
  try {
    const term = normalizeSearch(search)?.text;
    if (leadIds) {
      const ids = leadIds.map((id, index) => fromGlobalId(id, 'Lead', `leadIds[${index}]`));
      return {
        where: { AND: [{ id: { in: ids } }, leadWhere(null, term)] },
        selection: 'ids',
        searched: term !== undefined,
      };
    }
    const criteria = toCriteria(
      {
        ...filter,
        createdAfter: filter?.createdAfter ? new Date(filter.createdAfter) : null,
        createdBefore: filter?.createdBefore ? new Date(filter.createdBefore) : null,
      },
      'filter',
    );
    return { where: leadWhere(criteria, term), selection: 'filter', searched: term !== undefined };
  } catch (error) {
    if (error instanceof DomainError) throw new HttpProblem(400, error.code, error.message);
    throw error;
  }
}

const csvColumns = {
  id: true,
  siteId: true,
  name: true,
  email: true,
  emailNormalized: true,
  phone: true,
  company: true,
  jobTitle: true,
  status: true,
  source: true,
  createdAt: true,
  exportedAt: true,
} as const;

/**
 * `POST /exports/leads.csv`: a CSV of any lead selection (ids, or a filter and search as `leads`
 * takes them), streamed page by page from the database, so memory stays flat for any size. Needs
 * leads:read and personal-data:read, by session cookie or Bearer token. Audited as
 * "lead.csv_export" naming every lead written, also when the client stops reading halfway.
 */
export function leadsCsvRouter({
  prisma,
  logger,
  now = () => new Date(),
}: {
  prisma: PrismaClient;
  logger: Logger;
  now?: () => Date;
}): Router {
  const router = express.Router();
  const handle = async (request: Request, response: Response) => {
    const viewer = await authorize(prisma, request, now());
    if (!request.is('application/json')) {
      throw new HttpProblem(
        415,
        'BAD_REQUEST',
        'Send the selection as a JSON body (Content-Type: application/json)',
      );
    }
    const { where, selection, searched } = selectionWhereOf(request.body);
    const written: string[] = [];
    const readPage = async (after: string | undefined) => {
      const leads = await prisma.lead.findMany({
        where: after ? { AND: [where, { id: { gt: after } }] } : where,
        select: csvColumns,
        orderBy: { id: 'asc' },
        take: csvPageSize,
      });
      return { leads, rows: await leadsCsvRows(prisma, leads) };
    };
    async function* rows() {
      let next: ReturnType<typeof readPage> | undefined = readPage(undefined);
      while (next) {
        const page: Awaited<ReturnType<typeof readPage>> = await next;
        // The next page is read while this one is written; a client that stops reading ends both.
        next = page.leads.length === csvPageSize ? readPage(page.leads.at(-1)!.id) : undefined;
        next?.catch(() => {});
        // Counted before writing: the audit trail errs towards naming a lead the client may not have got.
        written.push(...page.leads.map((lead) => lead.id));
        yield* page.rows;
      }
    }
    const day = now().toISOString().slice(0, 10);
    response.status(200).set({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="leads-${day}.csv"`,
      'cache-control': 'no-store',
    });
    let completed = false;
    try {
      await pipeline(Readable.from(rows()), createLeadsCsvStringifier(), response);
      completed = true;
    } finally {
      await appendAuditEvents(
        prisma,
        actorOf(viewer),
        randomUUID(),
        [
          {
            action: 'lead.csv_export',
            targetType: 'Lead',
            targetIds: written,
            details: { count: written.length, selection, searched, completed },
          },
        ],
        now(),
      );
    }
  };
  router.post(leadsCsvPath, express.json({ limit: '100kb' }), (request, response, next) => {
    handle(request, response).catch(next);
  });
  const errors: ErrorRequestHandler = (error, _request, response, next) => {
    if (response.headersSent) {
      // Mid-stream: the client sees a truncated file; the log says why.
      logger.error({ err: error }, 'lead CSV export failed while streaming');
      response.destroy();
      return;
    }
    if (error instanceof HttpProblem) return sendProblem(response, error);
    const { type } = (error ?? {}) as { type?: unknown };
    if (type === 'entity.parse.failed')
      return sendProblem(response, new HttpProblem(400, 'BAD_REQUEST', 'The body is not valid JSON'));
    if (type === 'entity.too.large')
      return sendProblem(response, new HttpProblem(413, 'PAYLOAD_TOO_LARGE', 'The body is too large'));
    next(error);
  };
  router.use(leadsCsvPath, errors);
  return router;
}
