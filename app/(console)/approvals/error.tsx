"use client";
export { ApprovalsError as default } from "@/components/actions/segment";
