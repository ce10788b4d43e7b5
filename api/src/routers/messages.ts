/** tRPC: messages — the send log (one row per attempt), filtered by customer, journey, node, status. */
import { z } from 'zod';
import { MessageStatus } from '@cairn/db';
import { authedProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';

export const messagesRouter = router({
  list: authedProcedure
    .input(
      z.object({
        customerId: line({ min: 1, max: 256 }).optional(),
        journeyId: line({ min: 1, max: 64 }).optional(),
        nodeId: line({ min: 1, max: 64 }).optional(),
        status: z.enum(Object.values(MessageStatus) as [MessageStatus, ...MessageStatus[]]).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        /** The id of the last message of the previous page. */
        cursor: line({ min: 1, max: 100 }).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.message.findMany({
        where: {
          ...(input.customerId ? { customerId: input.customerId } : {}),
          ...(input.journeyId ? { journeyId: input.journeyId } : {}),
          ...(input.nodeId ? { nodeId: input.nodeId } : {}),
          ...(input.status ? { status: input.status } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
      });
      const more = rows.length > input.limit;
      const items = more ? rows.slice(0, input.limit) : rows;
      return { items, nextCursor: more ? items[items.length - 1]?.id : undefined };
    }),
});
