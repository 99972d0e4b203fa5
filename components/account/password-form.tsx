"use client";
// Change your own password: current, new and the new one again. Other sessions end on success.
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Alert, applyServerErrors, Button, FormError, FormField, Input } from "@/components/ui";
import { api } from "@/lib/api/client";
import { changeOwnPasswordInput } from "@/lib/users/schemas";

const formSchema = changeOwnPasswordInput.and(z.object({ confirm: z.string() })).refine((v) => v.confirm === v.newPassword, {
  path: ["confirm"],
  message: "The two new passwords differ",
});
type FormValues = z.input<typeof formSchema>;
const result = z.object({ endedSessions: z.number() });

export function PasswordForm({ onChanged, submitLabel = "Change password" }: { onChanged?: () => void; submitLabel?: string }) {
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema, undefined, { raw: true }),
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
  });
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: FormValues) =>
      api("/api/me/password", { method: "POST", body: { currentPassword, newPassword }, schema: result }),
    onSuccess: () => {
      form.reset();
      onChanged?.();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  const ended = change.data?.endedSessions ?? 0;
  return (
    <form className="space-y-4" noValidate onSubmit={form.handleSubmit((v) => change.mutate(v))}>
      {change.isSuccess && !change.isPending && (
        <Alert tone="success">
          Password changed.{" "}
          {ended > 0 ? `${ended} other ${ended === 1 ? "session was" : "sessions were"} signed out.` : "You had no other sessions."}
        </Alert>
      )}
      <FormError control={form.control} />
      <FormField control={form.control} name="currentPassword" label="Current password">
        <Input type="password" autoComplete="current-password" {...form.register("currentPassword")} />
      </FormField>
      <FormField control={form.control} name="newPassword" label="New password" hint="At least 8 characters.">
        <Input type="password" autoComplete="new-password" {...form.register("newPassword")} />
      </FormField>
      <FormField control={form.control} name="confirm" label="New password again">
        <Input type="password" autoComplete="new-password" {...form.register("confirm")} />
      </FormField>
      <div className="flex justify-end">
        <Button type="submit" loading={change.isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
