import { redirect } from "next/navigation";
import { links } from "@/lib/links";

export default function SettingsIndex() {
  redirect(links.consoleSettings("people"));
}
