"use client";
import { useController } from "react-hook-form";
import { MANAGE_SCOPE_INFO, MANAGE_SCOPES } from "@/lib/integrations/contracts";

/**
 * "Allow actions": the `allowActions` field of the surrounding form. Off (the default) keeps the
 * integration read-only; on adds the manage scopes to what is requested and checked.
 */
export function AllowActionsField() {
  const { field } = useController<{ allowActions: boolean }, "allowActions">({ name: "allowActions" });
  return (
    <fieldset>
      <legend className="sr-only">Actions on Okta</legend>
      <label className="flex cursor-pointer gap-2.5 rounded-md border border-slate-200 bg-white p-3 text-sm hover:border-slate-300 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/40">
        <input
          type="checkbox"
          className="mt-0.5 size-4 accent-brand-600"
          ref={field.ref}
          checked={!!field.value}
          onChange={(e) => field.onChange(e.target.checked)}
          onBlur={field.onBlur}
          data-testid="allow-actions"
        />
        <span>
          <span className="font-medium text-slate-900">Allow actions</span>
          <span className="mt-0.5 block text-xs text-slate-600">
            Let the console act on Okta (suspend, reset passwords, add to groups, assign apps…), each action a request that can need
            approval. Adds these scopes, which the app must be granted in Okta, with an admin role that allows the actions:
          </span>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
            {MANAGE_SCOPES.map((s) => (
              <li key={s}>
                <code className="font-mono text-slate-500">{s}</code>: {MANAGE_SCOPE_INFO[s].description}
              </li>
            ))}
          </ul>
          <span className="mt-1 block text-xs text-slate-500">Leave it off to keep this integration read-only.</span>
        </span>
      </label>
    </fieldset>
  );
}
