"use client";
// A select on Radix for choices that need more than text (a hint per option); a plain <select>
// (Select in field.tsx) stays the default for form fields. Arrow keys, type-ahead, Enter and
// Escape work as in a native select.
import * as S from "@radix-ui/react-select";
import { cn } from "./cn";
import { CheckIcon, ChevronDownIcon } from "./icons";

export interface SelectOption<T extends string> {
  value: T;
  label: string;
  hint?: string;
}

export function SelectMenu<T extends string>({
  value,
  onValueChange,
  options,
  placeholder,
  className,
  disabled,
  ...aria
}: {
  value: T | undefined;
  onValueChange: (v: T) => void;
  options: SelectOption<T>[];
  placeholder?: string;
  className?: string;
  disabled?: boolean;
  "aria-label"?: string;
  "aria-labelledby"?: string;
  id?: string;
}) {
  return (
    <S.Root value={value} onValueChange={(v) => onValueChange(v as T)} disabled={disabled}>
      <S.Trigger
        {...aria}
        className={cn(
          "flex h-9 w-full items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-left text-sm text-slate-900 shadow-xs focus:outline-2 focus:-outline-offset-1 focus:outline-brand-500 disabled:bg-slate-50 disabled:text-slate-500 data-[placeholder]:text-slate-400",
          className,
        )}
      >
        <S.Value placeholder={placeholder} />
        <S.Icon>
          <ChevronDownIcon size={16} className="text-slate-400" />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(20rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <S.Viewport className="p-1">
            {options.map((o) => (
              <S.Item
                key={o.value}
                value={o.value}
                className="relative flex cursor-default items-center gap-2 rounded py-1.5 pr-3 pl-7 text-sm text-slate-800 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100"
              >
                <S.ItemIndicator className="absolute left-2">
                  <CheckIcon size={14} />
                </S.ItemIndicator>
                <S.ItemText>{o.label}</S.ItemText>
                {o.hint && <span className="ml-auto text-xs text-slate-500">{o.hint}</span>}
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
