/**
 * tRPC: identity — one customer per person (docs/identity.md): the workspace setting that merges
 * customers with the same email or phone, a customer's possible duplicates and merge history, and
 * an admin's merge and un-merge.
 */
import { z } from 'zod';
import { adminProcedure, authedProcedure, router } from '../trpc.js';
import { line } from '../validation/text.js';
import { IdentitySettings, loadIdentitySettings, saveIdentitySettings } from '../identity/settings.js';
import { possibleDuplicates } from '../identity/match.js';
import { mergeByHand, unmergeByHand } from '../identity/manual.js';
import { loadSweep, profilesSharingAnAddress, startDuplicateSweep } from '../identity/sweep.js';

const CustomerId = line({ min: 1, max: 256 });

export const identityRouter = router({
  /** The setting, and the pass that merges the duplicates already stored when it was turned on (null before any). */
  settings: authedProcedure.query(async ({ ctx }) => ({ ...(await loadIdentitySettings(ctx.db)), sweep: await loadSweep(ctx.db) })),
  /**
   * Admins: whether known customers with the same email or phone merge by themselves (off by
   * default). Turning it on also merges the ones already stored, in the background: `sweep` is
   * that pass's progress (`identity.settings` follows it).
   */
  saveSettings: adminProcedure.input(IdentitySettings).mutation(async ({ ctx, input }) => {
    const was = await loadIdentitySettings(ctx.db);
    const saved = await saveIdentitySettings(ctx.db, input);
    const sweep = saved.mergeOnSameAddress && !was.mergeOnSameAddress ? (await startDuplicateSweep(ctx, ctx.user.email)).state : await loadSweep(ctx.db);
    return { ...saved, sweep };
  }),
  /** How many known customers share an email or phone with another now: what turning the setting on would merge (shown first). */
  sharedAddresses: authedProcedure.query(async ({ ctx }) => ({ profiles: (await profilesSharingAnAddress(ctx.db)).length })),

  /** Live customers sharing this customer's email or phone (trimmed and lower-cased; phones without spaces or dashes). */
  duplicates: authedProcedure.input(z.object({ customerId: CustomerId })).query(({ ctx, input }) => possibleDuplicates(ctx.db, input.customerId)),

  /** Merges in which the customer survived or was merged away, newest first, with whether each can be undone. */
  merges: authedProcedure.input(z.object({ customerId: CustomerId })).query(async ({ ctx, input }) => {
    const rows = await ctx.db.customerMerge.findMany({
      where: { OR: [{ targetId: input.customerId }, { sourceId: input.customerId }] },
      orderBy: { at: 'desc' },
      take: 100,
      select: { id: true, sourceId: true, targetId: true, reason: true, by: true, at: true, moved: true, unmergedAt: true, unmergedBy: true, unmerged: true, before: true },
    });
    return rows.map(({ before, ...m }) => ({ ...m, undoable: before !== null && m.unmergedAt === null }));
  }),

  /** Admins: merges `sourceId` into `targetId` (the survivor), as an automatic merge would. */
  merge: adminProcedure
    .input(z.object({ sourceId: CustomerId, targetId: CustomerId }))
    .mutation(({ ctx, input }) => mergeByHand(ctx, input.sourceId, input.targetId, ctx.user.email)),

  /** Admins: undoes a recorded merge (what it restores and what it cannot: docs/identity.md). */
  unmerge: adminProcedure.input(z.object({ mergeId: line({ min: 1, max: 64 }) })).mutation(({ ctx, input }) => unmergeByHand(ctx, input.mergeId, ctx.user.email)),
});
