"use client";
import { cn } from "@/components/ui";
import { SYMPTOM_INFO, SYMPTOMS, type Symptom } from "@/lib/diagnostics/contracts";

/** "What is wrong?": one choice per symptom, "Check everything" first. */
export function SymptomPicker({
  value,
  onChange,
  disabled,
}: {
  value: Symptom | null;
  onChange: (s: Symptom) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-3 text-sm font-semibold text-slate-900">What is wrong?</legend>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {SYMPTOMS.map((s) => (
          <label
            key={s}
            className={cn(
              "flex cursor-pointer items-start gap-3 rounded-lg border bg-white p-3 text-sm shadow-xs transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
              value === s ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200 hover:border-slate-300",
              s === "all" && "sm:col-span-2 xl:col-span-3",
            )}
          >
            <input
              type="radio"
              name="symptom"
              value={s}
              checked={value === s}
              onChange={() => onChange(s)}
              className="mt-1 accent-brand-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{SYMPTOM_INFO[s].label}</span>
              <span className="block text-slate-500">{SYMPTOM_INFO[s].description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
