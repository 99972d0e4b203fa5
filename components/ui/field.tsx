import { cloneElement, isValidElement, useId } from "react";
import { cn } from "./cn";

const control =
  "block w-full rounded-md border bg-white px-3 text-sm text-slate-900 shadow-xs placeholder:text-slate-400 focus:outline-2 focus:-outline-offset-1 focus:outline-brand-500 disabled:bg-slate-50 disabled:text-slate-500";

/**
 * Label + control + hint/error. Pass one Input/Select/Textarea as the child: it gets the id,
 * aria-describedby and aria-invalid wired up.
 */
export function Field({
  label,
  hint,
  error,
  children,
  className,
}: {
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  children: React.ReactElement<Record<string, unknown>>;
  className?: string;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const child = isValidElement(children)
    ? cloneElement(children, {
        id: (children.props.id as string) ?? id,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
      })
    : children;
  return (
    <div className={className}>
      <label
        htmlFor={(isValidElement(children) && (children.props.id as string)) || id}
        className="mb-1 block text-sm font-medium text-slate-700"
      >
        {label}
      </label>
      {child}
      {hint && !error && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** Text input; red border when aria-invalid. */
export function Input({ className, ...rest }: React.InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(control, "h-9", rest["aria-invalid"] ? "border-red-400" : "border-slate-300", className)} {...rest} />;
}

/** Native select with the same look as Input. */
export function Select({ className, children, ...rest }: React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={cn(control, "h-9 pr-8", rest["aria-invalid"] ? "border-red-400" : "border-slate-300", className)} {...rest}>
      {children}
    </select>
  );
}

/** Multi-line text input. */
export function Textarea({ className, ...rest }: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn(control, "py-2", rest["aria-invalid"] ? "border-red-400" : "border-slate-300", className)} {...rest} />;
}
