/**
 * A modal dialog (the native <dialog>: focus is kept inside, Escape cancels) that asks before an
 * action and says what it does. Busy while the action runs; an error stays in the dialog.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  /** Disables the confirm button (with the reason as its title). */
  blocked?: string | undefined;
  onConfirm(): Promise<void>;
  onClose(): void;
  testId?: string;
  wide?: boolean;
}

export function ConfirmDialog(p: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  const confirm = () => {
    setBusy(true);
    setError('');
    p.onConfirm().then(
      () => p.onClose(),
      (e: Error) => {
        setBusy(false);
        setError(e.message);
      },
    );
  };
  return (
    <dialog
      ref={ref}
      className={`confirm-dialog${p.wide ? ' wide' : ''}`}
      aria-labelledby={titleId}
      data-testid={p.testId ?? 'confirm-dialog'}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) p.onClose();
      }}
    >
      <h2 id={titleId}>{p.title}</h2>
      <div className="confirm-body">{p.children}</div>
      {error && (
        <p className="error" role="alert" data-testid="confirm-error">
          {error}
        </p>
      )}
      <div className="confirm-buttons">
        <button type="button" data-testid="confirm-cancel" disabled={busy} onClick={p.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={p.danger ? 'danger-solid' : 'primary'}
          data-testid="confirm-ok"
          disabled={busy || !!p.blocked}
          title={p.blocked}
          onClick={confirm}
        >
          {busy ? 'Working…' : p.confirm}
        </button>
      </div>
    </dialog>
  );
}
