/** The outcome of a form: an error (announced to screen readers) and/or a success line. */
export function Feedback({ error, ok, errorId, okId }: { error?: string | undefined; ok?: string | undefined; errorId: string; okId?: string }) {
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid={errorId}>
          {error}
        </p>
      )}
      {ok && (
        <p className="ok" data-testid={okId}>
          {ok}
        </p>
      )}
    </>
  );
}
