// UI primitives. Import from "@/components/ui".
export { Alert } from "./alert";
export { Badge, type Tone } from "./badge";
export { Button, ButtonLink, buttonClass } from "./button";
export { Card, CardBody, CardHeader } from "./card";
export { cn } from "./cn";
export { CopyButton } from "./copy-button";
export { Dialog } from "./dialog";
export { EmptyState } from "./empty-state";
export { Field, Input, Select, Textarea } from "./field";
export * from "./icons";
export { OktaMark } from "./okta-mark";
export { type Crumb, PageHeader } from "./page-header";
export { Spinner } from "./spinner";
export { StatCard } from "./stat-card";
export { Table, TBody, TD, TH, THead, TR } from "./table";
export { type TabItem, Tabs } from "./tabs";
export { Time } from "./time";
