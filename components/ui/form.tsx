"use client";
// Forms are react-hook-form checked by the route's own zod schema, so the browser refuses what the
// API would refuse, with the same words. What only the server can know (a name already taken, an
// owner who left) comes back in the error envelope's `details.fields` and lands on the same fields.
import { zodResolver } from "@hookform/resolvers/zod";
import {
  type Control,
  type FieldError,
  type FieldErrors,
  type FieldPath,
  type FieldValues,
  get,
  type Resolver,
  type UseFormReturn,
  useFormState,
} from "react-hook-form";
import type { ZodType } from "zod";
import { ApiError } from "@/lib/api/client";
import { Alert } from "./alert";
import { Field } from "./field";

/**
 * A resolver for a form whose values are not the request body itself (choices the API never sees,
 * numbers typed as text): `request` builds the body and names the route's schema that checks it.
 * The schema's issues land on the form fields of the same path; whole-body issues on the form root.
 */
export function bodyResolver<T extends FieldValues>(request: (values: T) => { schema: ZodType; body: unknown }): Resolver<T> {
  return async (values, context, options) => {
    const { schema, body } = request(values);
    // raw: the resolver only judges; the submit handler sends the body it builds, unparsed, as before.
    const check = zodResolver(schema as ZodType<FieldValues, FieldValues>, undefined, { raw: true });
    const result = await check(body as FieldValues, context, options as unknown as Parameters<typeof check>[2]);
    const errors = { ...result.errors } as Record<string, unknown>;
    if (Object.keys(errors).length === 0) return { values, errors: {} };
    if (errors[""]) {
      errors.root = errors[""];
      delete errors[""];
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}

/**
 * Puts an API error on the form: each field message on the field it names (and the first of them
 * in focus); when none names a field of this form, the error's message becomes the form's root
 * error (`errors.root.server`, shown by <FormError>). `isField` says which paths this form shows;
 * by default, those present in the form's values.
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
  isField: (path: string) => boolean = (path) => get(form.getValues(), path) !== undefined,
) {
  const fields = error instanceof ApiError ? Object.entries(error.fieldErrors).filter(([path]) => isField(path)) : [];
  for (const [i, [path, message]] of fields.entries()) {
    form.setError(path as FieldPath<T>, { type: "server", message }, { shouldFocus: i === 0 });
  }
  if (fields.length === 0) {
    const message = error instanceof ApiError ? error.message : "Something went wrong. Try again.";
    form.setError("root.server", { type: "server", message });
  }
}

/** The message on one field, from the client's check or the server; re-renders only when it changes. */
export function useFieldError<T extends FieldValues>(control: Control<T>, name: FieldPath<T> | `root.${string}`) {
  const { errors } = useFormState({ control, name: name as FieldPath<T> });
  return (get(errors, name) as FieldError | undefined)?.message;
}

/** <Field> (label, hint, error, ARIA wiring) whose error is the form's message for `name`. */
export function FormField<T extends FieldValues>({
  control,
  name,
  ...field
}: {
  control: Control<T>;
  name: FieldPath<T>;
  label: React.ReactNode;
  hint?: React.ReactNode;
  className?: string;
  children: React.ReactElement<Record<string, unknown>>;
}) {
  return <Field {...field} error={useFieldError(control, name)} />;
}

/** The form's root error (one that names no field of the form), as an alert. */
export function FormError<T extends FieldValues>({
  control,
  title,
  className,
}: {
  control: Control<T>;
  title?: string;
  className?: string;
}) {
  const { errors } = useFormState({ control });
  const root = errors.root?.server?.message ?? errors.root?.message;
  if (!root) return null;
  return (
    <Alert tone="danger" title={title} className={className}>
      {root}
    </Alert>
  );
}
