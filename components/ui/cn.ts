import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

/** Joins class names (clsx) and lets a later Tailwind class override an earlier one (tailwind-merge). */
export function cn(...parts: ClassValue[]) {
  return twMerge(clsx(parts));
}
