"use client";
import { usePathname, useRouter } from "next/navigation";
import { DiagnosticsWizard } from "@/components/diagnostics/wizard";
import type { Symptom } from "@/lib/diagnostics/contracts";

/** The wizard for a saved integration; the chosen symptom is kept in the URL so the page can be shared or reloaded. */
export function TroubleshootClient({ integrationId, initialSymptom }: { integrationId: string; initialSymptom: Symptom | null }) {
  const router = useRouter();
  const path = usePathname();
  return (
    <DiagnosticsWizard
      endpoint={`/api/integrations/${integrationId}/diagnostics`}
      integrationId={integrationId}
      initialSymptom={initialSymptom}
      onSymptomChange={(s) => router.replace(`${path}?symptom=${s}`, { scroll: false })}
      onFinished={() => router.refresh()}
    />
  );
}
