/** The console's own mark: two arrows chasing each other (sync) in a rounded square. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      {/* The mark keeps its colours in both themes (the palette's brand-600 turns light in dark mode). */}
      <rect width="32" height="32" rx="8" fill="#1f4fe0" />
      <path d="M22.5 13A7 7 0 0 0 10 11.2M9.5 19a7 7 0 0 0 12.5 1.8" fill="none" stroke="white" strokeWidth="2.4" strokeLinecap="round" />
      <path d="M10 7.5v4h4M22 24.5v-4h-4" fill="none" stroke="white" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function Brand() {
  return (
    <span className="flex items-center gap-2.5">
      <BrandMark />
      <span className="leading-tight">
        <span className="block text-sm font-semibold text-slate-900">Okta Sync</span>
        <span className="block text-xs text-slate-500">Console</span>
      </span>
    </span>
  );
}
