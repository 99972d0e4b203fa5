"use client";
export { AuditError as default } from "@/components/actions/segment";
