import type { RetentionRun as RetentionRunRow } from '@confide/db';
import { actorOf } from '../graphql/apollo.ts';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';

/**
 * A manual sweep of one site (or all), or its dry run, started on this instance's sweeper. The
 * sweep itself writes the "retention.sweep" audit event naming the caller when it ends.
 */
export async function requestRetentionSweep(
  context: RequestContext,
  input: { siteId: string | null; dryRun: boolean },
): Promise<{ run: RetentionRunRow | null; userErrors: UserErrorData[] }> {
  if (input.siteId !== null && (await context.prisma.site.count({ where: { id: input.siteId } })) === 0) {
    return {
      run: null,
      userErrors: [{ field: ['input', 'siteId'], code: 'NOT_FOUND', message: 'No site has this id' }],
    };
  }
  const run = await context.retentionSweeper.begin({
    siteId: input.siteId,
    dryRun: input.dryRun,
    trigger: 'MANUAL',
    triggeredById: context.viewer.kind === 'staff' ? context.viewer.staffUserId : null,
    actor: actorOf(context.viewer),
    requestId: context.requestId,
  });
  if (!run) {
    return {
      run: null,
      userErrors: [
        {
          field: [],
          code: 'SWEEP_RUNNING',
          message: 'Another retention sweep is deleting right now; try again when it has finished',
        },
      ],
    };
  }
  return { run, userErrors: [] };
}
