"use client";
export { DirectoryError as default } from "@/components/directory/segment";
