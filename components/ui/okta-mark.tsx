/** A neutral ring mark standing in for Okta (not Okta's trademark logo file). */
export function OktaMark({ size = 40, className }: { size?: number; className?: string }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center justify-center rounded-lg border border-slate-200 bg-white shadow-xs ${className ?? ""}`}
      style={{ width: size, height: size }}
      aria-hidden="true"
    >
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: decorative; the wrapper is aria-hidden and the integration name is beside it */}
      <svg width={size * 0.6} height={size * 0.6} viewBox="0 0 24 24">
        <circle cx="12" cy="12" r="8.2" fill="none" className="stroke-[#0b1f4d] dark:stroke-slate-800" strokeWidth="4.2" />
      </svg>
    </span>
  );
}
