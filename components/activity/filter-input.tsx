"use client";
// A text filter of a list that applies what is typed after a pause, or at once on Enter, and follows
// the list when it is cleared from outside ("Clear filters", a link).
import { useEffect, useId, useRef, useState } from "react";
import { Input } from "@/components/ui";

export function FilterInput({
  label,
  placeholder,
  value,
  onChange,
  className,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  className?: string;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const applied = useRef(value);
  // The latest callback, so a parent's re-render does not restart the pause.
  const apply = useRef(onChange);
  apply.current = onChange;
  useEffect(() => {
    applied.current = value;
    setText(value);
  }, [value]);
  useEffect(() => {
    const v = text.trim();
    if (v === applied.current) return;
    const t = setTimeout(() => {
      applied.current = v;
      apply.current(v);
    }, 400);
    return () => clearTimeout(t);
  }, [text]);
  return (
    <div className={className}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          const v = text.trim();
          applied.current = v;
          onChange(v);
        }}
      />
    </div>
  );
}
