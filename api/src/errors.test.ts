import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { clientErrorShape, INTERNAL_MESSAGE, ProblemsError } from './errors.js';

const shape = (message: string, code: string) => ({
  message,
  code: -32603,
  data: { code, httpStatus: 500, path: 'journeys.get', stack: 'Error: boom\n    at get (/srv/cairn/api/src/routers/journeys.ts:41:11)' },
});

describe('clientErrorShape', () => {
  it('drops the stack and hides the text of an unexpected failure', () => {
    const cause = new Error('relation "Journey" does not exist: SELECT * FROM "Journey" WHERE id = \'secret\'');
    const error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: cause.message, cause });
    const out = clientErrorShape({ shape: shape(cause.message, 'INTERNAL_SERVER_ERROR'), error });
    expect(out.message).toBe(INTERNAL_MESSAGE);
    expect(out.data).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'journeys.get' });
  });

  it('keeps the message and the problems of a refusal', () => {
    const problems = [{ code: 'no-trigger', severity: 'error' as const, message: 'add a trigger' }];
    const error = new TRPCError({ code: 'BAD_REQUEST', message: 'cannot publish: 1 problem', cause: new ProblemsError('refused', problems) });
    const out = clientErrorShape({ shape: { ...shape('cannot publish: 1 problem', 'BAD_REQUEST'), data: { ...shape('', 'BAD_REQUEST').data, httpStatus: 400 } }, error });
    expect(out.message).toBe('cannot publish: 1 problem');
    expect(out.data).toEqual({ code: 'BAD_REQUEST', httpStatus: 400, path: 'journeys.get', problems });
  });
});
