// UI primitives. Import from "@/components/ui".
export { Alert } from "./alert";
export { Badge, type Tone } from "./badge";
export { Button, ButtonLink, buttonClass } from "./button";
export { Card, CardBody, CardHeader } from "./card";
export { Checkbox } from "./checkbox";
export { cn } from "./cn";
export { type ComboboxOption, MultiCombobox } from "./combobox";
export { CopyButton } from "./copy-button";
export { CountGroup, CountLine } from "./count-list";
export { Dialog } from "./dialog";
export {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./dropdown-menu";
export { EmptyState } from "./empty-state";
export { Field, Input, Select, Textarea } from "./field";
export { applyServerErrors, bodyResolver, FormError, FormField, useFieldError } from "./form";
export * from "./icons";
export { ListEmpty } from "./list-empty";
export { OktaMark } from "./okta-mark";
export { type Crumb, PageHeader } from "./page-header";
export { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from "./popover";
export { SelectMenu, type SelectOption } from "./select";
export { Sheet } from "./sheet";
export { Spinner } from "./spinner";
export { StatCard } from "./stat-card";
export { Table, TBody, TD, TH, THead, TR } from "./table";
export { type TabItem, TabNav } from "./tabs";
export { Time } from "./time";
export { Tooltip } from "./tooltip";
