import { BrandMark } from "@/components/shell/brand";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <main className="flex flex-1 flex-col items-center justify-center px-4 py-12">
        <div className="mb-8 flex flex-col items-center text-center">
          <BrandMark size={44} />
          <p className="mt-3 text-lg font-semibold text-slate-900">Okta Sync Console</p>
          <p className="text-sm text-slate-500">Your Okta org&apos;s identity data, kept current in your database.</p>
        </div>
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
