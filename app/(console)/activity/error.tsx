"use client";
export { ActivityError as default } from "@/components/activity/activity-error";
