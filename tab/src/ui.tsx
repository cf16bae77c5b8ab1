// Small parts the tab's pages share: a problem shown as an alert, a section heading, an input for
// a referral field as the server describes it (cards/referral-inputs.ts), and read-only sections.
import { Caption1, Field, Input, Link, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { Contact, ContactSection, FieldData, ReadOnlySection } from "../../src/http/api/contract.ts";

export const useShared = makeStyles({
  /** A select whose longest option would otherwise set its width. */
  shrink: { minWidth: 0, maxWidth: "100%" },
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground2 },
  dl: { display: "grid", gridTemplateColumns: "minmax(8rem, max-content) minmax(0, 1fr)", gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0, "@media (max-width: 480px)": { gridTemplateColumns: "minmax(0, 1fr)" } },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  h2: { fontSize: tokens.fontSizeBase500, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}` },
  h3: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
});

export function Problem({ children }: { children: ReactNode }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export function Notice({ children, intent = "info" }: { children: ReactNode; intent?: "info" | "warning" | "success" }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

/** A referral field as the server describes it: label, hint, kind, limits, choices, what was typed, its problem. */
export type { FieldData };

export function FieldInput({ field, value, onChange }: { field: FieldData; value: string; onChange: (value: string) => void }) {
  const shared = useShared();
  const common = { id: `field-${field.id}`, name: field.id, value };
  const validation = field.error === "" ? {} : { validationState: "error" as const, validationMessage: field.error };
  return (
    <Field label={field.label} hint={field.hint === "" ? undefined : field.hint} required={field.required} {...validation}>
      {field.kind === "multiline" ? (
        <Textarea {...common} maxLength={field.maxLength} resize="vertical" onChange={(_event, data) => onChange(data.value)} />
      ) : field.kind === "choice" ? (
        <Select {...common} className={shared.shrink} onChange={(_event, data) => onChange(data.value)}>
          <option value="">Choose one</option>
          {field.choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.title}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          {...common}
          type={field.kind === "email" ? "email" : field.kind === "phone" ? "tel" : field.kind === "date" ? "date" : field.kind === "number" ? "number" : "text"}
          {...(field.kind === "number" ? { min: field.min, max: field.max } : { maxLength: field.maxLength })}
          {...(field.placeholder === undefined || field.placeholder === "" ? {} : { placeholder: field.placeholder })}
          onChange={(_event, data) => onChange(data.value)}
        />
      )}
    </Field>
  );
}

export type { ReadOnlySection };

export function ReadOnlySections({ sections, level = 3 }: { sections: readonly ReadOnlySection[]; level?: 3 | 4 }) {
  const styles = useShared();
  const Heading = level === 3 ? "h3" : "h4";
  const lines = (rows: readonly { label: string; value: string }[]) => (
    <dl className={styles.dl}>
      {rows.map((line, index) => (
        <div key={`${line.label}-${index}`} style={{ display: "contents" }}>
          <dt className={styles.dt}>{line.label}</dt>
          <dd className={styles.dd}>{line.value}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <>
      {sections.map((section) => (
        <section key={section.title} aria-label={section.title}>
          <Heading className={styles.h3}>{section.title}</Heading>
          {section.groups.map((group, index) => (
            <div key={`${group.title}-${index}`}>
              {group.title !== "" && <p className={styles.dt}>{group.title}</p>}
              {lines(group.lines)}
            </div>
          ))}
          {section.entries.map((entry) => (
            <div key={entry.title}>
              <p className={styles.dt}>{entry.title}</p>
              {lines(entry.lines)}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

export type { Contact };

/** A service's contacts as the cards show them: name, open now or not, phone and email as links, hours, a note. */
export function ContactLines({ contacts }: { contacts: readonly Contact[] }) {
  const shared = useShared();
  return (
    <ul className={shared.list}>
      {contacts.map((contact, index) => (
        <li key={`${contact.name}-${index}`}>
          <Text weight="semibold">{contact.name}</Text>
          {contact.status !== "" && <Text> · {contact.status}</Text>}
          {contact.phone !== "" && (
            <>
              {" · "}
              <Link href={`tel:${contact.phoneLink}`}>{contact.phone}</Link>
            </>
          )}
          {contact.email !== "" && (
            <>
              {" · "}
              <Link href={`mailto:${contact.email}`}>{contact.email}</Link>
            </>
          )}
          {contact.hours !== "" && <Caption1 block>{contact.hours}</Caption1>}
          {contact.note !== undefined && contact.note !== "" && <Caption1 block>{contact.note}</Caption1>}
        </li>
      ))}
    </ul>
  );
}

/** An area's contacts in sections, as the contacts card shows them: the night route first when no line is open (DOMAIN.md §6). */
export type { ContactSection };

export function ContactSections({ sections, level = 4 }: { sections: readonly ContactSection[]; level?: 3 | 4 }) {
  const shared = useShared();
  const Heading = level === 3 ? "h3" : "h4";
  return (
    <>
      {sections.map((section) => (
        <section key={section.heading} className={shared.stack}>
          <Heading className={shared.h3}>{section.heading}</Heading>
          {section.intro !== "" && <Text>{section.intro}</Text>}
          <ContactLines contacts={section.contacts} />
          {section.note !== "" && <Text weight="semibold">{section.note}</Text>}
        </section>
      ))}
    </>
  );
}
