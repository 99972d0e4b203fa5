import Link from "next/link";
import { BrandMark } from "@/components/shell/brand";
import { buttonClass } from "@/components/ui";
import { links } from "@/lib/links";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <BrandMark size={40} />
      <p className="mt-6 text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Page not found</h1>
      <p className="mt-2 max-w-sm text-sm text-slate-600">The page you asked for does not exist or has moved.</p>
      <Link href={links.integrations()} className={buttonClass("primary", "md", "mt-6")}>
        Back to the console
      </Link>
    </main>
  );
}
