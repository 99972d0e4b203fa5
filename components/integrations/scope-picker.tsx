"use client";
import { useController } from "react-hook-form";
import { READ_SCOPES, type ReadScope, SCOPE_INFO } from "@/lib/integrations/contracts";

/** The read scopes to request, each explained in a sentence: the `scopes` field of the surrounding form. */
export function ScopePicker() {
  const { field, fieldState } = useController<{ scopes: ReadScope[] }, "scopes">({ name: "scopes" });
  const value = field.value;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Scopes to request</legend>
      <p className="mt-0.5 text-xs text-slate-500">
        Read-only. Grant the same scopes to the app in Okta (Okta API Scopes tab); each one is checked before saving.
      </p>
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        {READ_SCOPES.map((s, i) => (
          <label
            key={s}
            className="flex cursor-pointer gap-2.5 rounded-md border border-slate-200 bg-white p-3 text-sm hover:border-slate-300 has-[:checked]:border-brand-500 has-[:checked]:bg-brand-50/40"
          >
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-600"
              // The first box takes the field's ref, so a scopes error can move focus here.
              ref={i === 0 ? field.ref : undefined}
              checked={value.includes(s)}
              onChange={(e) => field.onChange(e.target.checked ? [...value, s] : value.filter((x) => x !== s))}
              onBlur={field.onBlur}
            />
            <span>
              <span className="font-medium text-slate-900">{SCOPE_INFO[s].label}</span>{" "}
              <code className="font-mono text-xs text-slate-500">{s}</code>
              <span className="mt-0.5 block text-xs text-slate-600">{SCOPE_INFO[s].description}</span>
            </span>
          </label>
        ))}
      </div>
      {fieldState.error?.message && <p className="mt-1 text-xs text-red-600">{fieldState.error.message}</p>}
    </fieldset>
  );
}
